import Domain
import Foundation

/// A kanaal of the Notificaties API: a named channel and the kenmerken its messages may carry.
public struct Kanaal: Sendable, Equatable {
    public var uuid: UUID
    public var naam: String
    public var documentatieLink: String
    public var filters: [String]

    public init(uuid: UUID = UUID(), naam: String, documentatieLink: String = "", filters: [String] = []) {
        self.uuid = uuid
        self.naam = naam
        self.documentatieLink = documentatieLink
        self.filters = filters
    }

    public static func path(_ uuid: UUID) -> String {
        "\(ZGWAPI.notificaties.root)/kanaal/\(uuid.uuidString.lowercased())"
    }

    /// The kanalen this server publishes on, with the kenmerken Open Zaak gives them; registered at start-up.
    public static let standard: [Kanaal] = [
        Kanaal(
            naam: "zaken", documentatieLink: "https://vng-realisatie.github.io/gemma-zaken/standaard/zaken/",
            filters: ["bronorganisatie", "zaaktype", "zaaktype.catalogus", "vertrouwelijkheidaanduiding"]),
        Kanaal(
            naam: "documenten", documentatieLink: "https://vng-realisatie.github.io/gemma-zaken/standaard/documenten/",
            filters: ["bronorganisatie", "informatieobjecttype", "informatieobjecttype.catalogus", "vertrouwelijkheidaanduiding"]),
        Kanaal(
            naam: "besluiten", documentatieLink: "https://vng-realisatie.github.io/gemma-zaken/standaard/besluiten/",
            filters: ["verantwoordelijkeOrganisatie", "besluittype", "besluittype.catalogus"]),
        Kanaal(naam: "zaaktypen", documentatieLink: "https://vng-realisatie.github.io/gemma-zaken/standaard/catalogi/", filters: ["catalogus"]),
        Kanaal(
            naam: "informatieobjecttypen", documentatieLink: "https://vng-realisatie.github.io/gemma-zaken/standaard/catalogi/", filters: ["catalogus"]),
        Kanaal(naam: "besluittypen", documentatieLink: "https://vng-realisatie.github.io/gemma-zaken/standaard/catalogi/", filters: ["catalogus"]),
        Kanaal(naam: "autorisaties", documentatieLink: "https://vng-realisatie.github.io/gemma-zaken/standaard/autorisaties/", filters: []),
    ]
}
