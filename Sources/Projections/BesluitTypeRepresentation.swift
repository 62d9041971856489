import Domain
import Foundation

/// The JSON of a besluittype as the API serves it (`BesluitType` of catalogi-1.3.1). The lists that come from
/// relations (`informatieobjecttypen`, `vastgelegdIn`, `zaaktypen`, `resultaattypen` …) are filled in by the
/// projectors from the relation tables.
public struct BesluitTypeRepresentation: Codable, Sendable, Equatable {
    public var url: String
    public var catalogus: String
    public var zaaktypen: [String] = []
    public var omschrijving: String
    public var omschrijvingGeneriek: String
    public var besluitcategorie: String
    public var reactietermijn: Nullable<String>
    public var publicatieIndicatie: Bool
    public var publicatietekst: String
    public var publicatietermijn: Nullable<String>
    public var toelichting: String
    public var informatieobjecttypen: [String] = []
    public var beginGeldigheid: ZGWDate
    public var eindeGeldigheid: Nullable<ZGWDate>
    public var concept: Bool
    public var resultaattypen: [String] = []
    public var resultaattypenOmschrijving: [String] = []
    public var vastgelegdIn: [String] = []
    public var beginObject: ZGWDate
    public var eindeObject: Nullable<ZGWDate>

    public static func path(_ uuid: UUID) -> String {
        "\(ZGWAPI.catalogi.root)/besluittypen/\(uuid.uuidString.lowercased())"
    }

    public init(_ type: BesluitType) {
        url = ResourceURL.local(Self.path(type.uuid))
        catalogus = ResourceURL.local(CatalogusRepresentation.path(type.catalogus))
        omschrijving = type.omschrijving
        omschrijvingGeneriek = type.omschrijvingGeneriek
        besluitcategorie = type.besluitcategorie
        reactietermijn = Nullable(type.reactietermijn)
        publicatieIndicatie = type.publicatieIndicatie
        publicatietekst = type.publicatietekst
        publicatietermijn = Nullable(type.publicatietermijn)
        toelichting = type.toelichting
        beginGeldigheid = type.beginGeldigheid
        eindeGeldigheid = Nullable(type.eindeGeldigheid)
        concept = type.concept
        beginObject = type.beginGeldigheid
        eindeObject = Nullable(type.eindeGeldigheid)
    }
}
