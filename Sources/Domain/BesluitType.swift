import Foundation

/// A kind of decision (Catalogi API `BesluitType`). Versions share `omschrijving` within a catalogus.
public struct BesluitType: CatalogusType {
    public var uuid: UUID
    public var catalogus: UUID
    public var omschrijving: String
    public var omschrijvingGeneriek: String
    public var besluitcategorie: String
    /// ISO 8601 duration.
    public var reactietermijn: String?
    public var publicatieIndicatie: Bool
    public var publicatietekst: String
    /// ISO 8601 duration.
    public var publicatietermijn: String?
    public var toelichting: String
    /// The informatieobjecttypen (same catalogus) whose documents may record a besluit of this type.
    public var informatieobjecttypen: [UUID]
    public var beginGeldigheid: ZGWDate
    public var eindeGeldigheid: ZGWDate?
    public var concept: Bool

    public static let streamCategory = "besluittype"
    public var versionKey: String { omschrijving }

    public init(
        uuid: UUID = UUID(), catalogus: UUID, omschrijving: String = "", omschrijvingGeneriek: String = "", besluitcategorie: String = "",
        reactietermijn: String? = nil, publicatieIndicatie: Bool, publicatietekst: String = "", publicatietermijn: String? = nil,
        toelichting: String = "", informatieobjecttypen: [UUID] = [], beginGeldigheid: ZGWDate, eindeGeldigheid: ZGWDate? = nil,
        concept: Bool = true
    ) {
        self.uuid = uuid
        self.catalogus = catalogus
        self.omschrijving = omschrijving
        self.omschrijvingGeneriek = omschrijvingGeneriek
        self.besluitcategorie = besluitcategorie
        self.reactietermijn = reactietermijn
        self.publicatieIndicatie = publicatieIndicatie
        self.publicatietekst = publicatietekst
        self.publicatietermijn = publicatietermijn
        self.toelichting = toelichting
        self.informatieobjecttypen = informatieobjecttypen
        self.beginGeldigheid = beginGeldigheid
        self.eindeGeldigheid = eindeGeldigheid
        self.concept = concept
    }
}
