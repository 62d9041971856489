import Domain
import Foundation
import EventStore

/// The inline projectors of the Catalogi API, and how they keep relations mirrored.
public enum CatalogiProjectors {
    public static var all: [any InlineProjector] {
        [CatalogusProjector(), informatieobjecttypen, besluittypen, zaaktypen, statustypen, roltypen, zaaktypeInformatieobjecttypen, eigenschappen, zaakobjecttypen, resultaattypen]
    }

    static let informatieobjecttypen = CatalogusTypeProjector<InformatieObjectType>(
        table: "catalogi.informatieobjecttypen", keyColumn: "omschrijving", catalogusListField: "informatieobjecttypen",
        representation: { String(decoding: try JSONCoding.encoder.encode(InformatieObjectTypeRepresentation($0)), as: UTF8.self) },
        afterChange: { uuid, state, refreshes, connection, logger in
            try await CatalogiRelation.besluittypeInformatieobjecttypen.targetChanged(uuid, deleted: state == nil, connection: connection, logger: logger)
            if state == nil {
                // As Open Zaak cascades: the zaaktype-informatieobjecttypen of a deleted informatieobjecttype go with it.
                try await ZaakTypeSubTypes.informatieobjecttypeDeleted(uuid, connection: connection, logger: logger)
            }
            refreshes.informatieobjecttypeZaaktypen = true
            if let catalogus = state?.catalogus { refreshes.resultaattypeRelations.insert(catalogus) }
        })

    static let besluittypen = CatalogusTypeProjector<BesluitType>(
        table: "catalogi.besluittypen", keyColumn: "omschrijving", catalogusListField: "besluittypen",
        representation: { String(decoding: try JSONCoding.encoder.encode(BesluitTypeRepresentation($0)), as: UTF8.self) },
        afterChange: { uuid, state, refreshes, connection, logger in
            try await CatalogiRelation.besluittypeInformatieobjecttypen.ownerChanged(
                uuid, targets: state?.informatieobjecttypen, connection: connection, logger: logger)
            try await CatalogiRelation.zaaktypeBesluittypen.targetChanged(uuid, deleted: state == nil, connection: connection, logger: logger)
            if let catalogus = state?.catalogus { refreshes.resultaattypeRelations.insert(catalogus) }
        })

    static let zaaktypen = CatalogusTypeProjector<ZaakType>(
        table: "catalogi.zaaktypen", keyColumn: "identificatie", catalogusListField: "zaaktypen",
        representation: { String(decoding: try JSONCoding.encoder.encode(ZaakTypeRepresentation($0)), as: UTF8.self) },
        afterChange: { uuid, state, refreshes, connection, logger in
            try await CatalogiRelation.zaaktypeBesluittypen.ownerChanged(uuid, targets: state?.besluittypen, connection: connection, logger: logger)
            try await ZaakTypeSubTypes.zaaktypeChanged(uuid, deleted: state == nil, connection: connection, logger: logger)
            refreshes.informatieobjecttypeZaaktypen = true
        })

    static let statustypen = ZaakTypeSubTypeProjector<StatusType>(
        table: "catalogi.statustypen", columns: { SubTypeColumns(omschrijving: $0.omschrijving, generiek: $0.omschrijvingGeneriek, volgnummer: $0.volgnummer) },
        representation: { String(decoding: try JSONCoding.encoder.encode(StatusTypeRepresentation($0)), as: UTF8.self) })

    static let roltypen = ZaakTypeSubTypeProjector<RolType>(
        table: "catalogi.roltypen", columns: { SubTypeColumns(omschrijving: $0.omschrijving, generiek: $0.omschrijvingGeneriek.rawValue) },
        representation: { String(decoding: try JSONCoding.encoder.encode(RolTypeRepresentation($0)), as: UTF8.self) })

    static let zaaktypeInformatieobjecttypen = ZaakTypeSubTypeProjector<ZaakTypeInformatieObjectType>(
        table: "catalogi.zaaktype_informatieobjecttypen",
        columns: { SubTypeColumns(omschrijving: $0.richting.rawValue, volgnummer: $0.volgnummer, related: $0.informatieobjecttype) },
        representation: { String(decoding: try JSONCoding.encoder.encode(ZaakTypeInformatieObjectTypeRepresentation($0)), as: UTF8.self) },
        afterChange: { _, refreshes, _, _ in refreshes.informatieobjecttypeZaaktypen = true })

    static let eigenschappen = ZaakTypeSubTypeProjector<Eigenschap>(
        table: "catalogi.eigenschappen", columns: { SubTypeColumns(omschrijving: $0.naam, related: $0.statustype) },
        representation: { String(decoding: try JSONCoding.encoder.encode(EigenschapRepresentation($0)), as: UTF8.self) })

    static let zaakobjecttypen = ZaakTypeSubTypeProjector<ZaakObjectType>(
        table: "catalogi.zaakobjecttypen",
        columns: { SubTypeColumns(omschrijving: $0.relatieOmschrijving, generiek: $0.objecttype, related: $0.statustype) },
        representation: { String(decoding: try JSONCoding.encoder.encode(ZaakObjectTypeRepresentation($0)), as: UTF8.self) })

    static let resultaattypen = ZaakTypeSubTypeProjector<ResultaatType>(
        table: "catalogi.resultaattypen", columns: { SubTypeColumns(omschrijving: $0.omschrijving, generiek: $0.omschrijvingGeneriek) },
        representation: { String(decoding: try JSONCoding.encoder.encode(ResultaatTypeRepresentation($0)), as: UTF8.self) },
        afterChange: { zaaktype, refreshes, connection, logger in
            let rows = try await connection.query("SELECT catalogus FROM catalogi.zaaktypen WHERE uuid = \(zaaktype)", logger: logger).collect()
            if let catalogus = try rows.first?.decode(UUID.self) { refreshes.resultaattypeRelations.insert(catalogus) }
        })
}
