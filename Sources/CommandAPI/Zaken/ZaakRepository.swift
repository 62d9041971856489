import Domain
import EventStore
import Foundation
import PostgresNIO

/// One event a zaak command decided on, for the stream of `zaak`.
struct ZaakChange: Sendable {
    var zaak: UUID
    var type: String
    var event: ZaakEvent
    /// Set for a change to another aggregate's stream that must commit with the zaak's (the mirrored
    /// objectinformatieobject in a document's stream): that stream, its expected version, and the event.
    var foreign: ForeignChange?

    init(zaak: UUID, type: String, event: ZaakEvent) {
        self.zaak = zaak
        self.type = type
        self.event = event
    }

    init(foreign: ForeignChange, zaak: UUID) {
        self.zaak = zaak
        self.type = foreign.event.type
        self.event = ZaakEvent(uuid: zaak, state: nil, notificatie: nil)
        self.foreign = foreign
    }
}

/// An event for a stream that is not a zaak's, appended in the same transaction.
struct ForeignChange: Sendable {
    var stream: String
    var expected: ExpectedVersion
    var event: NewEvent
}

/// Reads zaak streams into `ZaakAggregate`s and appends what commands decide, with optimistic concurrency:
/// a command runs against the state it read and appends at that version; when another request wrote to the
/// zaak in between, the command runs again on the new state (so concurrent sub-resource writes on one zaak
/// both succeed, each checked against the other).
struct ZaakRepository: Sendable {
    let store: EventStore

    static func stream(_ zaak: UUID) -> String { StreamName.make(category: ZaakResource.streamCategory, id: zaak) }

    func load(_ zaak: UUID) async throws -> ZaakAggregate {
        var aggregate = ZaakAggregate(uuid: zaak)
        for event in try await store.readStream(Self.stream(zaak)) where event.data != ZaakResource.destroyedPayload {
            aggregate.apply(type: event.type, event: try event.decode(ZaakEvent.self), version: event.version)
        }
        return aggregate
    }

    /// The zaak a sub-resource belongs to.
    func owner(of uuid: UUID, kind: ZaakResource) async throws -> UUID? {
        let rows = try await store.client.query("SELECT zaak FROM zaken.resources WHERE uuid = \(uuid) AND kind = \(kind.rawValue)").collect()
        return try rows.first?.decode(UUID.self)
    }

    /// Runs `decide` on the zaak's current state and appends its changes in one transaction (inline
    /// projections included). Changes to the zaak itself are appended at the version read; changes to other
    /// zaken (deelzaken) at theirs.
    /// Returns the state the changes were decided on (the aggregate before them).
    @discardableResult
    func write(
        _ zaak: UUID, metadata: EventMetadata,
        decide: @Sendable (ZaakAggregate, EventStoreTransaction) async throws -> [ZaakChange]
    ) async throws -> ZaakAggregate {
        try await OptimisticRetry.run {
            let aggregate = try await load(zaak)
            try await store.transaction { transaction in
                let changes = try await decide(aggregate, transaction)
                var byStream: [UUID: [ZaakChange]] = [:]
                var order: [UUID] = []
                for change in changes where change.foreign == nil {
                    if byStream[change.zaak] == nil { order.append(change.zaak) }
                    byStream[change.zaak, default: []].append(change)
                }
                for target in order {
                    let events = try byStream[target, default: []].map { try NewEvent(type: $0.type, payload: $0.event) }
                    let expected: ExpectedVersion = target == zaak ? (aggregate.version == 0 ? .noStream : .exact(aggregate.version)) : .any
                    try await transaction.append(to: Self.stream(target), expectedVersion: expected, events: events, metadata: metadata)
                }
                for foreign in changes.compactMap(\.foreign) {
                    try await transaction.append(to: foreign.stream, expectedVersion: foreign.expected, events: [foreign.event], metadata: metadata)
                }
            }
            return aggregate
        }
    }
}
