import Domain
import EventStore
import Foundation
import PostgresNIO

/// What an auditor reads from a zaak's stream: every change of the zaak and of everything under it, in
/// order, with who made it and the fields it changed; and the zaak as the API served it at any instant.
/// Works for deleted zaken too: their streams stay.
public struct ZaakHistory: Sendable {
    public let zaak: UUID
    public let events: [RecordedEvent]

    /// One change: an event of the zaak's stream, with the resource's fields before → after.
    public struct Change: Sendable {
        public let event: RecordedEvent
        public let resource: ZaakResource
        public let resourceUUID: UUID
        /// create, update, partial_update, destroy (the request's `actie`).
        public let actie: String
        /// Made by the API as a consequence of another change (the einddatum of a closing status).
        public let derived: Bool
        public let fields: [FieldChange]
        /// The event's content was removed by archival destruction; who and when remain.
        public let payloadDestroyed: Bool
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

    /// The history of the zaak with this uuid or identificatie; nil when no such zaak was ever created.
    public static func load(_ reference: String, store: EventStore) async throws -> ZaakHistory? {
        var uuid = UUID(uuidString: reference)
        if uuid == nil {
            let rows = try await store.client.query(
                """
                SELECT stream_id FROM es.events WHERE event_type = 'zaak.created' AND data->'state'->>'identificatie' = \(reference)
                ORDER BY position DESC LIMIT 1
                """
            ).collect()
            uuid = try rows.first.flatMap { StreamName.id(of: try $0.decode(String.self), category: ZaakResource.streamCategory) }.flatMap(UUID.init(uuidString:))
        }
        guard let uuid else { return nil }
        let events = try await store.readStream(StreamName.make(category: ZaakResource.streamCategory, id: uuid))
        return events.isEmpty ? nil : ZaakHistory(zaak: uuid, events: events)
    }

    public var changes: [Change] {
        var aggregate = ZaakAggregate(uuid: zaak)
        var changes: [Change] = []
        for event in events {
            guard let (resource, action) = ZaakResource.of(eventType: event.type) else { continue }
            guard event.data != ZaakResource.destroyedPayload, let payload = try? event.decode(ZaakEvent.self) else {
                changes.append(Change(
                    event: event, resource: resource, resourceUUID: zaak, actie: event.metadata.actie ?? action, derived: false, fields: [],
                    payloadDestroyed: true))
                continue
            }
            let before = resource == .zaak ? aggregate.zaak : aggregate.state(of: resource, payload.uuid)
            aggregate.apply(type: event.type, event: payload, version: event.version)
            let actie = event.metadata.actie ?? (action == "created" ? "create" : action == "deleted" ? "destroy" : "update")
            changes.append(Change(
                event: event, resource: resource, resourceUUID: payload.uuid, actie: actie, derived: payload.isDerived,
                fields: Self.diff(before, payload.state), payloadDestroyed: false))
        }
        return changes
    }

    /// The fields that differ between two states, by name.
    static func diff(_ old: [String: JSONValue]?, _ new: [String: JSONValue]?) -> [FieldChange] {
        let names = Set((old ?? [:]).keys).union((new ?? [:]).keys).sorted()
        return names.compactMap { name in
            let (before, after) = (old?[name], new?[name])
            return before == after ? nil : FieldChange(name: name, old: before, new: after)
        }
    }

    /// The stream folded up to `instant` (everything when nil).
    public func aggregate(at instant: Date?) -> ZaakAggregate {
        var aggregate = ZaakAggregate(uuid: zaak)
        for event in events where instant.map({ event.recordedAt <= $0 }) ?? true {
            if let payload = try? event.decode(ZaakEvent.self) { aggregate.apply(type: event.type, event: payload, version: event.version) }
        }
        return aggregate
    }

    /// When the zaak was deleted, if it was.
    public var deletedAt: Date? {
        events.last(where: { $0.type == ZaakResource.zaak.deleted })?.recordedAt
    }

    /// The record of its archival destruction, if it was destroyed.
    public var destruction: RecordedEvent? {
        events.last(where: { $0.type == ZaakResource.destroyed })
    }
}

extension ZaakHistory {
    /// The stored URLs of the zaken whose hoofdzaak this zaak was at `instant` (now when nil), in creation order.
    public func deelzaken(at instant: Date?, store: EventStore) async throws -> [String] {
        let url = ZaakResource.zaak.url(zaak, zaak: zaak)
        let until = instant ?? Date.distantFuture
        let rows = try await store.client.query(
            """
            SELECT stream_id, min(position) FROM es.events
            WHERE event_type IN ('zaak.created', 'zaak.updated') AND data->'state'->>'hoofdzaak' = \(url) AND recorded_at <= \(until)
            GROUP BY stream_id ORDER BY min(position)
            """
        ).collect()
        var urls: [String] = []
        for row in rows {
            let (stream, _) = try row.decode((String, Int64).self)
            guard let id = StreamName.id(of: stream, category: ZaakResource.streamCategory), let history = try await ZaakHistory.load(id, store: store),
                let state = history.aggregate(at: instant).zaak, state["hoofdzaak"] == .string(url)
            else { continue }
            urls.append(ZaakResource.zaak.url(history.zaak, zaak: history.zaak))
        }
        return urls
    }

    /// The zaak with everything under it as the API served it at `instant`; nil when it did not exist then.
    public func view(at instant: Date?, store: EventStore) async throws -> JSONValue? {
        let aggregate = aggregate(at: instant)
        guard aggregate.exists else { return nil }
        return ZaakView.render(aggregate, deelzaken: try await deelzaken(at: instant, store: store))
    }

    /// The zaak's last state before it was deleted (or its current one): for authorisation of its history.
    public var lastKnownZaak: [String: JSONValue]? {
        var aggregate = ZaakAggregate(uuid: zaak)
        var last: [String: JSONValue]?
        for event in events {
            if let payload = try? event.decode(ZaakEvent.self) { aggregate.apply(type: event.type, event: payload, version: event.version) }
            if let zaak = aggregate.zaak { last = zaak }
        }
        return last
    }
}
