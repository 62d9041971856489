import Domain
import Foundation

/// The JSON of an informatieobjecttype as the API serves it (`InformatieObjectType` of catalogi-1.3.1).
/// `beginObject`/`eindeObject` span all versions and are filled in by the projector across versions.
public struct InformatieObjectTypeRepresentation: Codable, Sendable, Equatable {
    public var url: String
    public var catalogus: String
    public var omschrijving: String
    public var vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    public var beginGeldigheid: ZGWDate
    public var eindeGeldigheid: Nullable<ZGWDate>
    public var concept: Bool
    public var besluittypen: [String]
    public var informatieobjectcategorie: String
    public var trefwoord: [String]
    public var omschrijvingGeneriek: OmschrijvingGeneriek
    public var zaaktypen: [String]
    public var beginObject: ZGWDate
    public var eindeObject: Nullable<ZGWDate>

    public static func path(_ uuid: UUID) -> String {
        "\(ZGWAPI.catalogi.root)/informatieobjecttypen/\(uuid.uuidString.lowercased())"
    }

    public init(_ type: InformatieObjectType) {
        url = ResourceURL.local(Self.path(type.uuid))
        catalogus = ResourceURL.local(CatalogusRepresentation.path(type.catalogus))
        omschrijving = type.omschrijving
        vertrouwelijkheidaanduiding = type.vertrouwelijkheidaanduiding
        beginGeldigheid = type.beginGeldigheid
        eindeGeldigheid = Nullable(type.eindeGeldigheid)
        concept = type.concept
        besluittypen = []
        informatieobjectcategorie = type.informatieobjectcategorie
        trefwoord = type.trefwoord
        omschrijvingGeneriek = type.omschrijvingGeneriek
        zaaktypen = []
        beginObject = type.beginGeldigheid
        eindeObject = Nullable(type.eindeGeldigheid)
    }
}
