import Foundation

/// The resources under an aggregate (a zaak's statussen and rollen, a document's gebruiksrechten …) by kind,
/// each kind in creation order, as their events put them there.
public struct OrderedResources<Kind: Hashable & Sendable>: Sendable {
    var states: [Kind: [UUID: [String: JSONValue]]] = [:]
    var order: [Kind: [UUID]] = [:]

    public init() {}

    /// Applies one resource's new state; nil (or a delete) removes it.
    mutating func apply(_ kind: Kind, _ uuid: UUID, state: [String: JSONValue]?) {
        if let state {
            if states[kind]?[uuid] == nil { order[kind, default: []].append(uuid) }
            states[kind, default: [:]][uuid] = state
        } else {
            states[kind]?[uuid] = nil
            order[kind]?.removeAll { $0 == uuid }
        }
    }

    public func state(of kind: Kind, _ uuid: UUID) -> [String: JSONValue]? {
        states[kind]?[uuid]
    }

    /// The states of one kind, in creation order.
    public func all(_ kind: Kind) -> [(uuid: UUID, state: [String: JSONValue])] {
        (order[kind] ?? []).compactMap { uuid in states[kind]?[uuid].map { (uuid, $0) } }
    }
}
