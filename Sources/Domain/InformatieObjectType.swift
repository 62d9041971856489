import Foundation

/// A kind of document (Catalogi API `InformatieObjectType`). One stream per informatieobjecttype
/// (`informatieobjecttype-<uuid>`); versions are separate objects sharing `omschrijving` within a catalogus,
/// told apart by their validity period.
public struct InformatieObjectType: CatalogusType {
    public var uuid: UUID
    public var catalogus: UUID
    public var omschrijving: String
    public var vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    public var beginGeldigheid: ZGWDate
    public var eindeGeldigheid: ZGWDate?
    /// True until published; only published types may be used by documents.
    public var concept: Bool
    public var informatieobjectcategorie: String
    public var trefwoord: [String]
    public var omschrijvingGeneriek: OmschrijvingGeneriek

    public static let streamCategory = "informatieobjecttype"

    public init(
        uuid: UUID = UUID(), catalogus: UUID, omschrijving: String, vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding,
        beginGeldigheid: ZGWDate, eindeGeldigheid: ZGWDate? = nil, concept: Bool = true, informatieobjectcategorie: String,
        trefwoord: [String] = [], omschrijvingGeneriek: OmschrijvingGeneriek = OmschrijvingGeneriek()
    ) {
        self.uuid = uuid
        self.catalogus = catalogus
        self.omschrijving = omschrijving
        self.vertrouwelijkheidaanduiding = vertrouwelijkheidaanduiding
        self.beginGeldigheid = beginGeldigheid
        self.eindeGeldigheid = eindeGeldigheid
        self.concept = concept
        self.informatieobjectcategorie = informatieobjectcategorie
        self.trefwoord = trefwoord
        self.omschrijvingGeneriek = omschrijvingGeneriek
    }

    public var versionKey: String { omschrijving }
}

/// The generic description of an informatieobjecttype (`OmschrijvingGeneriek`).
public struct OmschrijvingGeneriek: Codable, Sendable, Equatable {
    public var informatieobjecttypeOmschrijvingGeneriek: String = ""
    public var definitieInformatieobjecttypeOmschrijvingGeneriek: String = ""
    public var herkomstInformatieobjecttypeOmschrijvingGeneriek: String = ""
    public var hierarchieInformatieobjecttypeOmschrijvingGeneriek: String = ""
    public var opmerkingInformatieobjecttypeOmschrijvingGeneriek: String = ""

    public init() {}
}
