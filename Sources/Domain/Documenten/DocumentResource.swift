import Foundation

/// What a document's stream holds: the informatieobject's versions, locks and bestandsdelen, and the
/// resources that hang off it (gebruiksrechten, objectinformatieobjecten, verzendingen), so the history of a
/// document is one stream (`document-<uuid>`). Events are named `<resource>.<action>`.
public enum DocumentResource: String, Codable, Sendable, CaseIterable {
    case enkelvoudiginformatieobject, gebruiksrechten, objectinformatieobject, verzending, bestandsdeel

    /// The schema of its request bodies in `SchemaCatalog.documenten`.
    public var schema: String {
        switch self {
        case .enkelvoudiginformatieobject: "EnkelvoudigInformatieObjectCreateLockRequest"
        case .gebruiksrechten: "Gebruiksrechten"
        case .objectinformatieobject: "ObjectInformatieObject"
        case .verzending: "Verzending"
        case .bestandsdeel: "BestandsDeel"
        }
    }

    /// The schema of its PUT and PATCH bodies: a document's names the lock it holds.
    public var updateSchema: String {
        self == .enkelvoudiginformatieobject ? "EnkelvoudigInformatieObjectWithLockRequest" : schema
    }

    /// The collection's path segment.
    public var collection: String {
        switch self {
        case .enkelvoudiginformatieobject: "enkelvoudiginformatieobjecten"
        case .gebruiksrechten: "gebruiksrechten"
        case .objectinformatieobject: "objectinformatieobjecten"
        case .verzending: "verzendingen"
        case .bestandsdeel: "bestandsdelen"
        }
    }

    /// The stored (relative, marked) URL of one resource of this kind.
    public func url(_ uuid: UUID) -> String {
        ResourceURL.local("\(ZGWAPI.documenten.root)/\(collection)/\(uuid.lowercased)")
    }

    public var created: String { "\(rawValue).created" }
    public var updated: String { "\(rawValue).updated" }
    public var deleted: String { "\(rawValue).deleted" }

    /// The informatieobject was locked (payload `lock`) or unlocked (payload `content` when bestandsdelen were merged).
    public static let locked = "enkelvoudiginformatieobject.locked"
    public static let unlocked = "enkelvoudiginformatieobject.unlocked"
    /// One bestandsdeel received its bytes.
    public static let uploaded = "bestandsdeel.uploaded"

    /// The resource and action of an event type (`gebruiksrechten.created` → (.gebruiksrechten, "created")).
    public static func of(eventType: String) -> (DocumentResource, String)? {
        let parts = eventType.split(separator: ".")
        guard parts.count == 2, let resource = DocumentResource(rawValue: String(parts[0])) else { return nil }
        return (resource, String(parts[1]))
    }

    public static let streamCategory = "document"

    /// The download URL of one version (stored form), the `inhoud` the API serves.
    public static func downloadURL(_ uuid: UUID, versie: Int) -> String {
        ResourceURL.local("\(ZGWAPI.documenten.root)/enkelvoudiginformatieobjecten/\(uuid.lowercased)/download?versie=\(versie)")
    }
}
