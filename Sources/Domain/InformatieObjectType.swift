import Foundation

/// A kind of document (Catalogi API `InformatieObjectType`). One stream per informatieobjecttype
/// (`informatieobjecttype-<uuid>`); versions are separate objects sharing `omschrijving` within a catalogus,
/// told apart by their validity period.
public struct InformatieObjectType: Codable, Sendable, Equatable {
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

    /// The validity period, for overlap checks between versions.
    public var geldigheid: Geldigheid { Geldigheid(begin: beginGeldigheid, einde: eindeGeldigheid) }
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

/// The events of an informatieobjecttype's stream. `created` and `updated` carry the full state.
public enum InformatieObjectTypeEvent {
    public static let created = "informatieobjecttype.created"
    public static let updated = "informatieobjecttype.updated"
    public static let published = "informatieobjecttype.published"
    public static let deleted = "informatieobjecttype.deleted"

    public struct State: Codable, Sendable, Equatable {
        public var informatieobjecttype: InformatieObjectType
        public init(informatieobjecttype: InformatieObjectType) { self.informatieobjecttype = informatieobjecttype }
    }

    /// Payload of `published` and `deleted`.
    public struct Reference: Codable, Sendable, Equatable {
        public var uuid: UUID
        public init(uuid: UUID) { self.uuid = uuid }
    }
}
