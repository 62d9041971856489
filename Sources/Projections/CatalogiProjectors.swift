import Domain
import EventStore

/// The inline projectors of the Catalogi API, and how they keep relations mirrored.
public enum CatalogiProjectors {
    public static var all: [any InlineProjector] {
        [CatalogusProjector(), informatieobjecttypen, besluittypen, zaaktypen, statustypen, roltypen]
    }

    static let informatieobjecttypen = CatalogusTypeProjector<InformatieObjectType>(
        table: "catalogi.informatieobjecttypen", keyColumn: "omschrijving", catalogusListField: "informatieobjecttypen",
        representation: { String(decoding: try JSONCoding.encoder.encode(InformatieObjectTypeRepresentation($0)), as: UTF8.self) },
        afterChange: { uuid, state, connection, logger in
            try await CatalogiRelation.besluittypeInformatieobjecttypen.targetChanged(uuid, deleted: state == nil, connection: connection, logger: logger)
        })

    static let besluittypen = CatalogusTypeProjector<BesluitType>(
        table: "catalogi.besluittypen", keyColumn: "omschrijving", catalogusListField: "besluittypen",
        representation: { String(decoding: try JSONCoding.encoder.encode(BesluitTypeRepresentation($0)), as: UTF8.self) },
        afterChange: { uuid, state, connection, logger in
            try await CatalogiRelation.besluittypeInformatieobjecttypen.ownerChanged(
                uuid, targets: state?.informatieobjecttypen, connection: connection, logger: logger)
            try await CatalogiRelation.zaaktypeBesluittypen.targetChanged(uuid, deleted: state == nil, connection: connection, logger: logger)
        })

    static let zaaktypen = CatalogusTypeProjector<ZaakType>(
        table: "catalogi.zaaktypen", keyColumn: "identificatie", catalogusListField: "zaaktypen",
        representation: { String(decoding: try JSONCoding.encoder.encode(ZaakTypeRepresentation($0)), as: UTF8.self) },
        afterChange: { uuid, state, connection, logger in
            try await CatalogiRelation.zaaktypeBesluittypen.ownerChanged(uuid, targets: state?.besluittypen, connection: connection, logger: logger)
            try await ZaakTypeSubTypes.zaaktypeChanged(uuid, deleted: state == nil, connection: connection, logger: logger)
        })

    static let statustypen = ZaakTypeSubTypeProjector<StatusType>(
        table: "catalogi.statustypen", columns: { ($0.omschrijving, $0.omschrijvingGeneriek, $0.volgnummer) },
        representation: { String(decoding: try JSONCoding.encoder.encode(StatusTypeRepresentation($0)), as: UTF8.self) })

    static let roltypen = ZaakTypeSubTypeProjector<RolType>(
        table: "catalogi.roltypen", columns: { ($0.omschrijving, $0.omschrijvingGeneriek.rawValue, nil) },
        representation: { String(decoding: try JSONCoding.encoder.encode(RolTypeRepresentation($0)), as: UTF8.self) })
}
