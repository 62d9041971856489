import Foundation

/// What a besluit's stream holds: the besluit and its besluitinformatieobjecten (`besluit-<uuid>`). Events are
/// `<resource>.created|updated|deleted` with a `ZaakEvent`-shaped payload (uuid, state, notification facts).
public enum BesluitResource: String, Codable, Sendable, CaseIterable {
    case besluit, besluitinformatieobject

    public var schema: String {
        switch self {
        case .besluit: "Besluit"
        case .besluitinformatieobject: "BesluitInformatieObject"
        }
    }

    public var collection: String {
        switch self {
        case .besluit: "besluiten"
        case .besluitinformatieobject: "besluitinformatieobjecten"
        }
    }

    /// The stored (relative, marked) URL of one resource of this kind.
    public func url(_ uuid: UUID) -> String {
        ResourceURL.local("\(ZGWAPI.besluiten.root)/\(collection)/\(uuid.lowercased)")
    }

    public var created: String { "\(rawValue).created" }
    public var updated: String { "\(rawValue).updated" }
    public var deleted: String { "\(rawValue).deleted" }

    public static func of(eventType: String) -> (BesluitResource, String)? {
        let parts = eventType.split(separator: ".")
        guard parts.count == 2, let resource = BesluitResource(rawValue: String(parts[0])) else { return nil }
        return (resource, String(parts[1]))
    }

    public static let streamCategory = "besluit"
}

/// A besluit as its stream tells it: the besluit's state and its besluitinformatieobjecten in creation order.
public struct BesluitAggregate: Sendable {
    public let uuid: UUID
    public private(set) var version: Int64 = 0
    public private(set) var besluit: [String: JSONValue]?
    var resources = OrderedResources<BesluitResource>()
    /// The besluitinformatieobjecten, in creation order.
    public var informatieobjecten: [(uuid: UUID, state: [String: JSONValue])] { resources.all(.besluitinformatieobject) }

    public init(uuid: UUID) {
        self.uuid = uuid
    }

    public mutating func apply(type: String, event: ZaakEvent, version: Int64) {
        self.version = version
        guard let (resource, action) = BesluitResource.of(eventType: type) else { return }
        let gone = action == "deleted" || event.state == nil
        switch resource {
        case .besluit:
            besluit = gone ? nil : event.state
            if gone { resources = OrderedResources() }
        case .besluitinformatieobject:
            resources.apply(resource, event.uuid, state: gone ? nil : event.state)
        }
    }

    public var exists: Bool { besluit != nil }

    public func field(_ name: String) -> String { besluit?.string(name) ?? "" }
}
