import Foundation

/// A catalogus of zaaktypen, besluittypen and informatieobjecttypen (Catalogi API `Catalogus`). Its stream is
/// `catalogus-<uuid>`; the lists of types it holds are derived by the read model from the types' own streams.
public struct Catalogus: Codable, Sendable, Equatable {
    public var uuid: UUID
    public var domein: String
    public var rsin: String
    public var contactpersoonBeheerNaam: String
    public var contactpersoonBeheerTelefoonnummer: String
    public var contactpersoonBeheerEmailadres: String
    public var naam: String
    public var versie: String
    public var begindatumVersie: ZGWDate?

    public static let streamCategory = "catalogus"

    public init(
        uuid: UUID = UUID(), domein: String, rsin: String, contactpersoonBeheerNaam: String,
        contactpersoonBeheerTelefoonnummer: String = "", contactpersoonBeheerEmailadres: String = "", naam: String = "",
        versie: String = "", begindatumVersie: ZGWDate? = nil
    ) {
        self.uuid = uuid
        self.domein = domein
        self.rsin = rsin
        self.contactpersoonBeheerNaam = contactpersoonBeheerNaam
        self.contactpersoonBeheerTelefoonnummer = contactpersoonBeheerTelefoonnummer
        self.contactpersoonBeheerEmailadres = contactpersoonBeheerEmailadres
        self.naam = naam
        self.versie = versie
        self.begindatumVersie = begindatumVersie
    }
}

/// The events of a catalogus stream; each carries the full state.
public enum CatalogusEvent {
    public static let created = "catalogus.created"

    public struct State: Codable, Sendable, Equatable {
        public var catalogus: Catalogus
        public init(catalogus: Catalogus) { self.catalogus = catalogus }
    }
}
