import Domain
import EventStore
import Foundation
import PostgresNIO

/// What an auditor reads from one aggregate's stream (a zaak, a document, a besluit): every change in order,
/// with who made it and the fields it changed. Every event payload of these streams has the same core
/// (`uuid`, `state` after the change, `notificatie` facts), so one fold serves them all; events without a state
/// of their own (a document's lock, unlock, bestandsdeel) are listed without fields.
public struct StreamHistory: Sendable {
    public let events: [RecordedEvent]

    public init(events: [RecordedEvent]) {
        self.events = events
    }

    /// One change: an event, with the resource's fields before → after.
    public struct Change: Sendable {
        public let event: RecordedEvent
        /// The resource kind, the event type's prefix (`zaak`, `status`, `enkelvoudiginformatieobject` …).
        public let resource: String
        public let resourceUUID: UUID
        /// create, update, partial_update, destroy (the request's `actie`), or the event's action.
        public let actie: String
        /// Made by the API as a consequence of another change (not notified or audited on its own).
        public let derived: Bool
        public let fields: [FieldChange]
        /// The event's content was removed by archival destruction; who and when remain.
        public let payloadDestroyed: Bool
        /// The event type's action (`created`, `updated`, `deleted`, `locked` …).
        public var action: String = ""
        /// The resource's state before and after (nil: it did not exist / no longer exists).
        public var before: [String: JSONValue]?
        public var after: [String: JSONValue]?
        /// The message the change was published as; nil for changes that are part of another (derived).
        public var notificatie: NotificationFacts?
    }

    public struct FieldChange: Sendable, Equatable {
        public let name: String
        public let old: JSONValue?
        public let new: JSONValue?

        public init(name: String, old: JSONValue?, new: JSONValue?) {
            self.name = name
            self.old = old
            self.new = new
        }
    }

    /// The core every payload of these streams has.
    struct Payload: Decodable {
        var uuid: UUID
        var state: [String: JSONValue]?
        var notificatie: NotificationFacts?
    }

    public var changes: [Change] { fold().changes }

    /// A resource's state at the end of the stream (nil when deleted or destroyed).
    public static func key(_ resource: String, _ uuid: UUID) -> String { "\(resource)/\(uuid.lowercased)" }

    /// Every change in order, and each resource's state at the end (keyed by `key`).
    public func fold() -> (changes: [Change], states: [String: [String: JSONValue]]) {
        var states: [String: [String: JSONValue]] = [:]
        var changes: [Change] = []
        for event in events {
            let parts = event.type.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let (resource, action) = (parts[0], parts[1])
            let owner = StreamName.id(of: event.streamID, category: StreamName.category(of: event.streamID)).flatMap(UUID.init(uuidString:)) ?? UUID()
            guard event.data != ZaakResource.destroyedPayload, let payload = try? event.decode(Payload.self) else {
                changes.append(Change(
                    event: event, resource: resource, resourceUUID: owner, actie: event.metadata.actie ?? action, derived: false, fields: [],
                    payloadDestroyed: true))
                continue
            }
            let key = Self.key(resource, payload.uuid)
            let before = states[key]
            var fields: [FieldChange] = []
            if ["created", "updated", "deleted", "destroyed"].contains(action) {
                let after = action == "deleted" || action == "destroyed" ? nil : payload.state
                fields = Self.diff(before, after)
                states[key] = after
            }
            let actie = event.metadata.actie ?? (action == "created" ? "create" : action == "deleted" ? "destroy" : action == "updated" ? "update" : action)
            changes.append(Change(
                event: event, resource: resource, resourceUUID: payload.uuid, actie: actie,
                derived: payload.notificatie == nil && ["created", "updated", "deleted"].contains(action), fields: fields,
                payloadDestroyed: false, action: action, before: before, after: payload.state, notificatie: payload.notificatie))
        }
        return (changes, states)
    }

    /// The fields that differ between two states, by name.
    static func diff(_ old: [String: JSONValue]?, _ new: [String: JSONValue]?) -> [FieldChange] {
        let names = Set((old ?? [:]).keys).union((new ?? [:]).keys).sorted()
        return names.compactMap { name in
            let (before, after) = (old?[name], new?[name])
            return before == after ? nil : FieldChange(name: name, old: before, new: after)
        }
    }

    /// The stream of the aggregate of `category` with this uuid, or whose create event's state has this
    /// `identificatie`; nil when there is none.
    public static func load(_ reference: String, category: String, createdType: String, store: EventStore) async throws -> (uuid: UUID, history: StreamHistory)? {
        var uuid = UUID(uuidString: reference)
        if uuid == nil {
            let rows = try await store.client.query(
                """
                SELECT stream_id FROM es.events WHERE event_type = \(createdType) AND data->'state'->>'identificatie' = \(reference)
                ORDER BY position DESC LIMIT 1
                """
            ).collect()
            uuid = try rows.first.flatMap { StreamName.id(of: try $0.decode(String.self), category: category) }.flatMap(UUID.init(uuidString:))
        }
        guard let uuid else { return nil }
        let events = try await store.readStream(StreamName.make(category: category, id: uuid))
        return events.isEmpty ? nil : (uuid, StreamHistory(events: events))
    }
}
