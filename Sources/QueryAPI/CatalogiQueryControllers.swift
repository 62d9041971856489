import Domain
import Hummingbird
import PostgresNIO
import ZGWHTTP

/// Mounts every read endpoint of the Catalogi API.
public enum CatalogiQueryControllers {
    public static func addRoutes(to group: RouterGroup<ZGWRequestContext>, client: PostgresClient, baseURL: String, logger: Logger) {
        CatalogussenQueryController(client: client, baseURL: baseURL, logger: logger).addRoutes(to: group)
        CatalogusTypeQueryController(
            client: client, baseURL: baseURL, logger: logger, collection: "informatieobjecttypen",
            extraParameters: ["omschrijving", "omschrijving__icontains", "zaaktype"]
        ) { query, references, filter throws(ZGWError) in
            filter.equals("omschrijving", query.string("omschrijving"))
            filter.contains("omschrijving", query.string("omschrijving__icontains"))
            switch try query.reference("zaaktype", references: references, api: .catalogi, collection: "zaaktypen") {
            case .some(.some(let zaaktype)):
                filter.add(zaaktype) { "uuid IN (SELECT related FROM catalogi.zaaktype_informatieobjecttypen WHERE zaaktype = \($0))" }
            case .some(.none): filter.add("false")
            case .none: break
            }
        }.addRoutes(to: group)
        CatalogusTypeQueryController(
            client: client, baseURL: baseURL, logger: logger, collection: "besluittypen",
            extraParameters: ["informatieobjecttypen", "omschrijving", "zaaktypen"]
        ) { query, references, filter throws(ZGWError) in
            filter.equals("omschrijving", query.string("omschrijving"))
            switch try query.reference("informatieobjecttypen", references: references, api: .catalogi, collection: "informatieobjecttypen") {
            case .some(.some(let iot)):
                filter.add(iot) { "uuid IN (SELECT besluittype FROM catalogi.besluittype_informatieobjecttypen WHERE informatieobjecttype = \($0))" }
            case .some(.none): filter.add("false")
            case .none: break
            }
            switch try query.reference("zaaktypen", references: references, api: .catalogi, collection: "zaaktypen") {
            case .some(.some(let zaaktype)):
                filter.add(zaaktype) { "uuid IN (SELECT besluittype FROM catalogi.zaaktype_besluittypen WHERE zaaktype = \($0))" }
            case .some(.none): filter.add("false")
            case .none: break
            }
        }.addRoutes(to: group)
        CatalogusTypeQueryController(
            client: client, baseURL: baseURL, logger: logger, collection: "zaaktypen",
            extraParameters: ["identificatie", "identificatie__icontains", "omschrijving__icontains", "trefwoorden"], detailValidity: true
        ) { query, references, filter throws(ZGWError) in
            filter.equals("identificatie", query.string("identificatie"))
            filter.contains("identificatie", query.string("identificatie__icontains"))
            filter.contains("representation ->> 'omschrijving'", query.string("omschrijving__icontains"))
            // Zaaktypen that have every trefwoord asked for.
            if let trefwoorden = query.list("trefwoorden") { filter.add(trefwoorden) { "ARRAY(SELECT jsonb_array_elements_text(representation -> 'trefwoorden')) @> \($0)" } }
        }.addRoutes(to: group)
        ZaakTypeSubTypeQueryController(client: client, baseURL: baseURL, logger: logger, collection: "statustypen", order: "volgnummer").addRoutes(to: group)
        ZaakTypeSubTypeQueryController(
            client: client, baseURL: baseURL, logger: logger, collection: "roltypen", extraParameters: ["omschrijving", "omschrijvingGeneriek"]
        ) { query, filter throws(ZGWError) in
            filter.equals("omschrijving", query.string("omschrijving"))
            filter.equals("omschrijving_generiek", try query.choice("omschrijvingGeneriek", RolType.OmschrijvingGeneriek.self)?.rawValue)
        }.addRoutes(to: group)
        ZaakTypeSubTypeQueryController(client: client, baseURL: baseURL, logger: logger, collection: "eigenschappen").addRoutes(to: group)
        ZaakTypeSubTypeQueryController(client: client, baseURL: baseURL, logger: logger, collection: "resultaattypen").addRoutes(to: group)
        ZaakTypeSubTypeQueryController(
            client: client, baseURL: baseURL, logger: logger, collection: "zaakobjecttypen",
            extraParameters: ["anderObjecttype", "catalogus", "datumBeginGeldigheid", "datumEindeGeldigheid", "objecttype", "relatieOmschrijving"]
        ) { query, filter throws(ZGWError) in
            filter.add(try query.boolean("anderObjecttype")) { "(representation ->> 'anderObjecttype')::boolean = \($0)" }
            filter.equals("omschrijving_generiek", query.string("objecttype"))
            filter.equals("omschrijving", query.string("relatieOmschrijving"))
            filter.add(try query.date("datumBeginGeldigheid")?.description) { "representation ->> 'beginGeldigheid' = \($0)" }
            filter.add(try query.date("datumEindeGeldigheid")?.description) { "representation ->> 'eindeGeldigheid' = \($0)" }
            switch try query.reference("catalogus", references: ResourceReference(baseURL: baseURL), api: .catalogi, collection: "catalogussen") {
            case .some(.some(let catalogus)):
                filter.add(catalogus) { "zaaktype IN (SELECT uuid FROM catalogi.zaaktypen WHERE catalogus = \($0))" }
            case .some(.none): filter.add("false")
            case .none: break
            }
        }.addRoutes(to: group)
        ZaakTypeSubTypeQueryController(
            client: client, baseURL: baseURL, logger: logger, collection: "zaaktype-informatieobjecttypen", table: "catalogi.zaaktype_informatieobjecttypen",
            order: "volgnummer", zaaktypeFilters: false, extraParameters: ["informatieobjecttype", "richting", "status"]
        ) { query, filter throws(ZGWError) in
            filter.reference("related", try query.reference("informatieobjecttype", references: ResourceReference(baseURL: baseURL), api: .catalogi, collection: "informatieobjecttypen"))
            filter.equals("omschrijving", try query.choice("richting", ZaakTypeInformatieObjectType.Richting.self)?.rawValue)
            // definitief: zaaktype and informatieobjecttype both published; concept: either is a concept.
            switch try query.choice("status", ConceptStatusFilter.self) ?? .definitief {
            case .alles: break
            case .definitief:
                filter.add("zaaktype IN (SELECT uuid FROM catalogi.zaaktypen WHERE NOT concept) AND related IN (SELECT uuid FROM catalogi.informatieobjecttypen WHERE NOT concept)")
            case .concept:
                filter.add("(zaaktype IN (SELECT uuid FROM catalogi.zaaktypen WHERE concept) OR related IN (SELECT uuid FROM catalogi.informatieobjecttypen WHERE concept))")
            }
        }.addRoutes(to: group)
    }
}
