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

    public typealias Change = StreamHistory.Change
    public typealias FieldChange = StreamHistory.FieldChange

    /// The history of the zaak with this uuid or identificatie; nil when no such zaak was ever created.
    public static func load(_ reference: String, store: EventStore) async throws -> ZaakHistory? {
        guard let (uuid, history) = try await StreamHistory.load(
            reference, category: ZaakResource.streamCategory, createdType: ZaakResource.zaak.created, store: store)
        else { return nil }
        return ZaakHistory(zaak: uuid, events: history.events)
    }

    public var changes: [Change] { StreamHistory(events: events).changes }

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
