import Domain
import EventStore
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ZGWHTTP

/// The reads of the Zaken API: zaken (list, `_zoek`, detail with `expand`), the resources under them, and
/// the audit trail. zrc-006: every list is filtered in SQL to the zaaktypen and vertrouwelijkheid the
/// client may read; a detail outside them is a 403.
public struct ZakenQueryController: Sendable {
    let client: PostgresClient
    let store: EventStore
    let baseURL: String
    let logger: Logger
    var reader: ReadModelReader { ReadModelReader(client: client, baseURL: baseURL, logger: logger) }
    var filters: ZaakListFilters { ZaakListFilters(baseURL: baseURL) }

    public init(store: EventStore, baseURL: String, logger: Logger) {
        self.client = store.client
        self.store = store
        self.baseURL = baseURL
        self.logger = logger
    }

    /// Paginated lists and their filters (besides `zaak`), as zaken-1.5.1 declares them.
    static let subLists: [(ZaakResource, paginated: Bool, filters: [String: String])] = [
        (.status, true, ["statustype": "statustype", "indicatieLaatstGezetteStatus": "indicatieLaatstGezetteStatus"]),
        (.resultaat, true, ["resultaattype": "resultaattype"]),
        (.rol, true, ["betrokkene": "betrokkene", "betrokkeneType": "betrokkeneType", "roltype": "roltype", "omschrijving": "omschrijving",
                      "omschrijvingGeneriek": "omschrijvingGeneriek"]),
        (.zaakobject, true, ["object": "object", "objectType": "objectType"]),
        (.klantcontact, true, [:]),
        (.zaakinformatieobject, false, ["informatieobject": "informatieobject"]),
        (.zaakcontactmoment, false, ["contactmoment": "contactmoment"]),
        (.zaakverzoek, false, ["verzoek": "verzoek"]),
    ]
    static let urlFilters: Set<String> = ["statustype", "resultaattype", "betrokkene", "roltype", "object", "informatieobject", "contactmoment", "verzoek"]

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("zaken") { request, context in try await self.listZaken(request, context: context) }
        group.post("zaken/_zoek") { request, context in try await self.search(request, context: context) }
        group.get("zaken/:uuid") { request, context in try await self.zaak(request, context: context) }
        group.head("zaken/:uuid") { request, context in try await self.zaak(request, context: context).withoutBody() }
        for (kind, paginated, filters) in Self.subLists {
            let collection = kind.collection!
            group.get(RouterPath(collection)) { request, context in
                try await self.list(kind, request, context: context, paginated: paginated, filters: filters)
            }
            group.get(RouterPath("\(collection)/:uuid")) { request, context in try await self.detail(kind, request, context: context) }
            group.head(RouterPath("\(collection)/:uuid")) { request, context in try await self.detail(kind, request, context: context).withoutBody() }
        }
        for (kind, collection) in [(ZaakResource.zaakeigenschap, "zaakeigenschappen"), (.zaakbesluit, "besluiten")] {
            group.get(RouterPath("zaken/:uuid/\(collection)")) { request, context in try await self.nestedList(kind, request, context: context) }
            group.get(RouterPath("zaken/:uuid/\(collection)/:sub")) { request, context in try await self.detail(kind, request, context: context) }
            group.head(RouterPath("zaken/:uuid/\(collection)/:sub")) { request, context in try await self.detail(kind, request, context: context).withoutBody() }
        }
        ZaakAuditTrailController(store: store, client: client, baseURL: baseURL).addRoutes(to: group)
        ZaakHistoryController(store: store, baseURL: baseURL).addRoutes(to: group)
    }

    func authorisation(_ context: ZGWRequestContext) async throws -> ZaakAuthorisation {
        try await ZaakAuthorisation.resolve(
            client: try context.requireScopes(.scope("zaken.lezen"), component: .zrc), baseURL: baseURL, database: client, logger: logger)
    }

    // MARK: - Zaken

    func listZaken(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        try CoordinateReferenceSystem.check(request, hasBody: false)
        let query = QueryParameters(request)
        try query.requireOnly(ZaakListFilters.names)
        var values: [String: String] = [:]
        for name in ZaakListFilters.names { if let value = query.string(name) { values[name] = value } }
        return try await zakenPage(values, page: try PageRequest(query), request: request, authorisation: authorisation)
    }

    /// `POST /zaken/_zoek`: the list filters in the body (lists as arrays), plus `uuid__in`, `zaaktype__in` and
    /// `zaakgeometrie.within`; `page` in the query.
    func search(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        try CoordinateReferenceSystem.check(request, hasBody: true)
        let query = QueryParameters(request)
        try query.requireOnly(["page", "pageSize"])
        let body = try await JSONBody.parse(request, context: context)
        var values: [String: String] = [:]
        var within: JSONValue?
        for (key, value) in body.fields {
            switch value {
            case .string(let text): values[key] = text
            case .bool(let flag): values[key] = flag ? "true" : "false"
            case .array(let items) where items.allSatisfy({ $0.text != nil }): values[key] = items.compactMap(\.text).joined(separator: ",")
            case .object(let object) where key == "zaakgeometrie":
                // Any GeoJSON geometry of the spec: Point, MultiPoint, LineString, Polygon, MultiPolygon, ….
                guard let area = object["within"], GeoJSONGeometry.boundingBox(area) != nil else {
                    throw ZGWError.validation([InvalidParam(name: "zaakgeometrie.within", code: "invalid", reason: "Geef een GeoJSON-geometrie.")])
                }
                within = area
            case .null: continue
            default:
                throw ZGWError.validation([InvalidParam(name: key, code: "invalid", reason: "Ongeldige waarde.")])
            }
        }
        return try await zakenPage(values, within: within, page: try PageRequest(query), request: request, authorisation: authorisation)
    }

    func zakenPage(
        _ values: [String: String], within: JSONValue? = nil, page: PageRequest, request: Request, authorisation: ZaakAuthorisation
    ) async throws -> Response {
        var filter = SQLFilter()
        try filters.apply(values, to: &filter)
        if let within, let box = GeoJSONGeometry.boundingBox(within) {
            // The bounding box prefilter uses the GiST index; `zaken.within` is the exact test.
            let area = within.jsonText
            filter.add(box) { "geometry_box <@ \($0)::box" }
            filter.add(area) { "zaken.within(representation->'zaakgeometrie', \($0)::jsonb)" }
        }
        ZaakListFilters.restrict(&filter, to: authorisation.visible(with: "zaken.lezen"))
        let order = try filters.ordering(values["ordering"])
        let paths = try ZaakExpander.parse(values["expand"])
        // Rows found by `created_position` (an index-only scan on `zaken_created`, authorisation columns included),
        // then only the page's rows turned into text, expanded in the same query.
        var rowFilter = filter
        let served = ZaakExpander(visible: authorisation.visible(with: "zaken.lezen")?.map { ($0.zaaktype, $0.maxRank) })
            .expression("z", paths: paths, filter: &rowFilter)
        let rowsQuery = rowFilter.page(from: "zaken.zaken", order: order, page: page, select: "(\(served))::text", key: "created_position", alias: "z").rows
        // The common filters are columns of the zaak counts: a sum over a row per key instead of a scan of the zaken.
        let counted = within == nil && values.keys.allSatisfy(ZaakListFilters.countedNames.contains)
        let countQuery = counted
            ? PostgresQuery(unsafeSQL: "SELECT coalesce(sum(n), 0)::int8 FROM zaken.zaak_counts\(filter.whereClause)", binds: filter.bindings)
            : filter.page(from: "zaken.zaken", order: order, page: page).count
        let count = try await client.query(countQuery, logger: logger).collect().first?.decode(Int64.self) ?? 0
        let rows = try await client.query(rowsQuery, logger: logger)
        var results: [String] = []
        for try await json in rows.decode(String.self) { results.append(json) }
        let body = try page.render(count: Int(count), results: results, request: request, baseURL: baseURL)
        return CoordinateReferenceSystem.tagged(JSONResponse.make(ResourceURL.render(body, baseURL: baseURL)))
    }

    func zaak(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        try CoordinateReferenceSystem.check(request, hasBody: false)
        let query = QueryParameters(request)
        try query.requireOnly(["expand"])
        let paths = try ZaakExpander.parse(query.string("expand"))
        let uuid = try uuid(context)
        // The authorisation check from the columns; the zaak as served (expanded in SQL) in the same query.
        let found: ServedZaak.Row?
        if paths.isEmpty {
            found = try await client.rows(ServedZaak(uuid: uuid), logger: logger).first
        } else if ZaakExpander.isGuarded(paths) {
            found = try await client.rows(ServedExpandedZaak(uuid: uuid, paths: paths), logger: logger).first
        } else {
            // Through hoofdzaak or deelzaken: built per request, with the client's visible zaaktypen bound after the uuid.
            var filter = SQLFilter()
            _ = filter.bind(uuid)
            let served = ZaakExpander(visible: authorisation.visible(with: "zaken.lezen")?.map { ($0.zaaktype, $0.maxRank) })
                .expression("z", paths: paths, filter: &filter)
            let rows = try await client.query(PostgresQuery(unsafeSQL: ServedZaak.query(serving: served), binds: filter.bindings), logger: logger).collect()
            found = try rows.first?.decode(ServedZaak.Row.self)
        }
        guard let (json, zaaktype, vertrouwelijkheid) = found else { throw ZGWError.notFound() }
        try authorisation.require(.scope("zaken.lezen"), zaaktype: zaaktype, vertrouwelijkheid: vertrouwelijkheid)
        return CoordinateReferenceSystem.tagged(JSONResponse.detail(ResourceURL.render(json, baseURL: baseURL), request: request))
    }

    // MARK: - Resources under a zaak

    func list(_ kind: ZaakResource, _ request: Request, context: ZGWRequestContext, paginated: Bool, filters names: [String: String]) async throws -> Response {
        let authorisation = try await authorisation(context)
        let query = QueryParameters(request)
        try query.requireOnly(Set(names.keys).union(["zaak"]).union(paginated ? PageRequest.parameterNames : []).union(kind == .rol ? Self.rolIdentificatieNames : []))
        var filter = SQLFilter()
        filter.add(kind.rawValue) { "kind = \($0)" }
        if let zaak = query.string("zaak") {
            // By the indexed zaak column; a URL that is not one of our zaken matches nothing.
            let stored = try filters.stored(zaak, name: "zaak")
            if let uuid = ResourceURL.uuid(in: stored, api: .zaken, collection: "zaken") { filter.add(uuid) { "zaak = \($0)" } } else { filter.add("false") }
        }
        for (name, field) in names.sorted(by: { $0.key < $1.key }) {
            guard let value = query.string(name) else { continue }
            if name == "indicatieLaatstGezetteStatus" {
                guard let flag = try query.boolean(name) else { continue }
                filter.add(flag) { "(representation->>'indicatieLaatstGezetteStatus')::boolean = \($0)" }
            } else {
                let stored = Self.urlFilters.contains(name) ? try filters.stored(value, name: name) : value
                filter.add(stored) { "representation->>'\(field)' = \($0)" }
            }
        }
        if kind == .rol { try rolIdentificatie(query, into: &filter) }
        ZaakListFilters.restrict(&filter, to: authorisation.visible(with: "zaken.lezen"), zaakColumn: "zaken.resources.zaak")
        if paginated {
            return try await reader.page("zaken.resources", filter: filter, page: try PageRequest(query), request: request)
        }
        return try await reader.array("zaken.resources", filter: filter)
    }

    static let rolIdentificatieNames: Set<String> = Set(ZaakListFilters.rolIdentificaties.flatMap { group, _, fields in
        fields.map { "betrokkeneIdentificatie__\(group)__\($0)" }
    })

    func rolIdentificatie(_ query: QueryParameters, into filter: inout SQLFilter) throws {
        for (group, type, fields) in ZaakListFilters.rolIdentificaties {
            for field in fields {
                guard let value = query.string("betrokkeneIdentificatie__\(group)__\(field)") else { continue }
                let json = JSONValue.object(["betrokkeneType": .string(type), "betrokkeneIdentificatie": .object([field: .string(value)])]).jsonText
                filter.add(json) { "representation @> \($0)::jsonb" }
            }
        }
    }

    /// `GET /zaken/{uuid}/zaakeigenschappen` and `/besluiten`: a plain array; 404 for a zaak that does not exist.
    func nestedList(_ kind: ZaakResource, _ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        try QueryParameters(request).requireOnly([])
        guard let zaak = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let rows = try await client.query("SELECT zaaktype, representation->>'vertrouwelijkheidaanduiding' FROM zaken.zaken WHERE uuid = \(zaak)", logger: logger).collect()
        guard let (zaaktype, vertrouwelijkheid) = try rows.first?.decode((String, String).self) else { throw ZGWError.notFound() }
        try authorisation.require(.scope("zaken.lezen"), zaaktype: zaaktype, vertrouwelijkheid: vertrouwelijkheid)
        var filter = SQLFilter()
        filter.add(kind.rawValue) { "kind = \($0)" }
        filter.add(zaak) { "zaak = \($0)" }
        return try await reader.array("zaken.resources", filter: filter)
    }

    /// One resource under a zaak, with ETag; 403 when its zaak is outside the client's autorisaties.
    func detail(_ kind: ZaakResource, _ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        try QueryParameters(request).requireOnly([])
        let nested = context.parameters.get("sub") == nil ? nil : context.parameters.get("uuid").flatMap(UUID.init(uuidString:))
        guard let uuid = (context.parameters.get("sub") ?? context.parameters.get("uuid")).flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let found = try await client.rows(ServedZaakResource(uuid: uuid, kind: kind.rawValue), logger: logger).first
        guard let (json, zaaktype, vertrouwelijkheid, zaak) = found, nested == nil || nested == zaak else {
            throw ZGWError.notFound()
        }
        try authorisation.require(.scope("zaken.lezen"), zaaktype: zaaktype, vertrouwelijkheid: vertrouwelijkheid)
        return JSONResponse.detail(ResourceURL.render(json, baseURL: baseURL), request: request)
    }

    func uuid(_ context: ZGWRequestContext) throws -> UUID {
        guard let uuid = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        return uuid
    }
}
