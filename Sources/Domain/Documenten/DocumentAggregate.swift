import Foundation

/// A document as its stream tells it: every version of the informatieobject with its content, the lock, the
/// bestandsdelen of an upload in progress, and the gebruiksrechten, objectinformatieobjecten and verzendingen.
public struct DocumentAggregate: Sendable {
    public let uuid: UUID
    public private(set) var version: Int64 = 0
    /// Version n at index n - 1; empty before the create and after the delete.
    public private(set) var versions: [[String: JSONValue]] = []
    /// The bytes of each version (by `versie`); none while its bestandsdelen are being uploaded.
    public private(set) var contents: [Int: StoredContent] = [:]
    public private(set) var lock: String?
    /// The bestandsdelen the latest version expects, and those that arrived.
    public private(set) var parts: [PlannedPart] = []
    public private(set) var uploaded: [UUID: StoredContent] = [:]
    public private(set) var resources = OrderedResources<DocumentResource>()

    public init(uuid: UUID) {
        self.uuid = uuid
    }

    public mutating func apply(type: String, event: DocumentEvent, version: Int64) {
        self.version = version
        switch type {
        case DocumentResource.locked:
            lock = event.lock
            return
        case DocumentResource.unlocked:
            lock = nil
            if let content = event.content { contents[versions.count] = content }
            parts = []
            uploaded = [:]
            return
        case DocumentResource.uploaded:
            if let content = event.content { uploaded[event.uuid] = content }
            return
        default:
            break
        }
        guard let (resource, action) = DocumentResource.of(eventType: type) else { return }
        if resource == .enkelvoudiginformatieobject {
            guard action != "deleted", let state = event.state else {
                self = DocumentAggregate(uuid: uuid)
                self.version = version
                return
            }
            let versie = state["versie"]?.integer ?? versions.count + 1
            if versie > versions.count {
                versions.append(state)
                if let planned = event.parts {
                    parts = planned
                    uploaded = [:]
                }
            } else if versie >= 1 {
                versions[versie - 1] = state
            }
            if let content = event.content { contents[versie] = content }
            if let lock = event.lock { self.lock = lock }
            return
        }
        resources.apply(resource, event.uuid, state: action == "deleted" ? nil : event.state)
    }

    public var exists: Bool { !versions.isEmpty }
    /// The latest version.
    public var current: [String: JSONValue]? { versions.last }
    public var versie: Int { versions.count }
    public var isLocked: Bool { lock != nil }

    public func state(of resource: DocumentResource, _ uuid: UUID) -> [String: JSONValue]? {
        resources.state(of: resource, uuid)
    }

    /// The states of one kind, in creation order.
    public func all(_ resource: DocumentResource) -> [(uuid: UUID, state: [String: JSONValue])] {
        resources.all(resource)
    }

    /// A string field of the latest version ("" when absent or null).
    public func field(_ name: String) -> String {
        current?.string(name) ?? ""
    }

    /// Every bestandsdeel of the upload in progress has its bytes.
    public var uploadComplete: Bool { parts.allSatisfy { uploaded[$0.uuid] != nil } }
}
