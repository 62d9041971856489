import Domain
import EventStore

/// The inline projectors of the Catalogi API.
public enum CatalogiProjectors {
    public static var all: [any InlineProjector] {
        [CatalogusProjector(), informatieobjecttypen]
    }

    static let informatieobjecttypen = CatalogusTypeProjector<InformatieObjectType>(
        table: "catalogi.informatieobjecttypen", keyColumn: "omschrijving", catalogusListField: "informatieobjecttypen",
        representation: { String(decoding: try JSONCoding.encoder.encode(InformatieObjectTypeRepresentation($0)), as: UTF8.self) })
}
