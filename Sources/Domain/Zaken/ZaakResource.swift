import Foundation

/// The resources a zaak's stream holds: the zaak itself and everything that belongs to it, so the history of a
/// zaak is one stream (`zaak-<uuid>`). Events are named `<resource>.created|updated|deleted`.
public enum ZaakResource: String, Codable, Sendable, CaseIterable {
    case zaak, status, resultaat, rol, zaakobject, zaakeigenschap, zaakinformatieobject, klantcontact, zaakcontactmoment, zaakverzoek, zaakbesluit

    /// The schema of its request and response bodies in `SchemaCatalog.zaken`.
    public var schema: String {
        switch self {
        case .zaak: "Zaak"
        case .status: "Status"
        case .resultaat: "Resultaat"
        case .rol: "Rol"
        case .zaakobject: "ZaakObject"
        case .zaakeigenschap: "ZaakEigenschap"
        case .zaakinformatieobject: "ZaakInformatieObject"
        case .klantcontact: "KlantContact"
        case .zaakcontactmoment: "ZaakContactMoment"
        case .zaakverzoek: "ZaakVerzoek"
        case .zaakbesluit: "ZaakBesluit"
        }
    }

    /// The collection's path segment; nil for the two collections nested under a zaak.
    public var collection: String? {
        switch self {
        case .zaak: "zaken"
        case .status: "statussen"
        case .resultaat: "resultaten"
        case .rol: "rollen"
        case .zaakobject: "zaakobjecten"
        case .zaakinformatieobject: "zaakinformatieobjecten"
        case .klantcontact: "klantcontacten"
        case .zaakcontactmoment: "zaakcontactmomenten"
        case .zaakverzoek: "zaakverzoeken"
        case .zaakeigenschap, .zaakbesluit: nil
        }
    }

    /// The stored (relative, marked) URL of one resource of this kind.
    public func url(_ uuid: UUID, zaak: UUID) -> String {
        let root = ZGWAPI.zaken.root
        switch self {
        case .zaakeigenschap: return ResourceURL.local("\(root)/zaken/\(zaak.lowercased)/zaakeigenschappen/\(uuid.lowercased)")
        case .zaakbesluit: return ResourceURL.local("\(root)/zaken/\(zaak.lowercased)/besluiten/\(uuid.lowercased)")
        default: return ResourceURL.local("\(root)/\(collection!)/\(uuid.lowercased)")
        }
    }

    public var created: String { "\(rawValue).created" }
    public var updated: String { "\(rawValue).updated" }
    public var deleted: String { "\(rawValue).deleted" }
    /// Archival destruction of a zaak: its events' payloads removed, this event records who and why.
    public static let destroyed = "zaak.destroyed"

    /// The payload of an event whose content was destroyed.
    public static let destroyedPayload = "null"

    /// The resource and action of an event type (`status.created` → (.status, "created")).
    public static func of(eventType: String) -> (ZaakResource, String)? {
        let parts = eventType.split(separator: ".")
        guard parts.count == 2, let resource = ZaakResource(rawValue: String(parts[0])) else { return nil }
        return (resource, String(parts[1]))
    }

    public static let streamCategory = "zaak"
}

extension UUID {
    /// The lowercase form the APIs use in URLs.
    public var lowercased: String { uuidString.lowercased() }
}
