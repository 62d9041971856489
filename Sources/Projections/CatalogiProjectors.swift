import Domain
import EventStore

/// The inline projectors of the Catalogi API.
public enum CatalogiProjectors {
    public static var all: [any InlineProjector] {
        [CatalogusProjector(), informatieobjecttypen, besluittypen]
    }

    static let informatieobjecttypen = CatalogusTypeProjector<InformatieObjectType>(
        table: "catalogi.informatieobjecttypen", keyColumn: "omschrijving", catalogusListField: "informatieobjecttypen",
        representation: { String(decoding: try JSONCoding.encoder.encode(InformatieObjectTypeRepresentation($0)), as: UTF8.self) },
        afterChange: { uuid, state, connection, logger in
            try await CatalogiRelations.informatieobjecttypeChanged(uuid, deleted: state == nil, connection: connection, logger: logger)
        })

    static let besluittypen = CatalogusTypeProjector<BesluitType>(
        table: "catalogi.besluittypen", keyColumn: "omschrijving", catalogusListField: "besluittypen",
        representation: { String(decoding: try JSONCoding.encoder.encode(BesluitTypeRepresentation($0)), as: UTF8.self) },
        afterChange: { uuid, state, connection, logger in
            try await CatalogiRelations.besluittypeChanged(uuid, informatieobjecttypen: state?.informatieobjecttypen, connection: connection, logger: logger)
        })
}
