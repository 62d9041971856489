import Domain
import Foundation

/// The JSON of a catalogus as the API serves it (`Catalogus` schema of catalogi-1.3.1), with its own URL
/// behind the base-URL marker.
public struct CatalogusRepresentation: Codable, Sendable, Equatable {
    public var url: String
    public var domein: String
    public var rsin: String
    public var contactpersoonBeheerNaam: String
    public var contactpersoonBeheerTelefoonnummer: String
    public var contactpersoonBeheerEmailadres: String
    public var zaaktypen: [String]
    public var besluittypen: [String]
    public var informatieobjecttypen: [String]
    public var naam: String
    public var versie: String
    public var begindatumVersie: Nullable<ZGWDate>

    public static func path(_ uuid: UUID) -> String {
        "\(ZGWAPI.catalogi.root)/catalogussen/\(uuid.uuidString.lowercased())"
    }

    public init(_ catalogus: Catalogus, zaaktypen: [String] = [], besluittypen: [String] = [], informatieobjecttypen: [String] = []) {
        url = ResourceURL.local(Self.path(catalogus.uuid))
        domein = catalogus.domein
        rsin = catalogus.rsin
        contactpersoonBeheerNaam = catalogus.contactpersoonBeheerNaam
        contactpersoonBeheerTelefoonnummer = catalogus.contactpersoonBeheerTelefoonnummer
        contactpersoonBeheerEmailadres = catalogus.contactpersoonBeheerEmailadres
        self.zaaktypen = zaaktypen
        self.besluittypen = besluittypen
        self.informatieobjecttypen = informatieobjecttypen
        naam = catalogus.naam
        versie = catalogus.versie
        begindatumVersie = Nullable(catalogus.begindatumVersie)
    }
}
