import Domain
import EventStore
import Foundation
import PostgresNIO

/// One event a besluit command decided on: for the besluit's stream, or (`foreign`) for another aggregate's
/// stream in the same transaction (the zaakbesluit in the zaak's stream, the objectinformatieobject in the
/// document's), so a relation and its mirror exist together or not at all.
struct BesluitChange: Sendable {
    var type: String
    var event: ZaakEvent
    var foreign: ForeignChange?

    init(type: String, event: ZaakEvent) {
        self.type = type
        self.event = event
    }

    init(foreign: ForeignChange) {
        self.type = foreign.event.type
        self.event = ZaakEvent(uuid: UUID(), state: nil, notificatie: nil)
        self.foreign = foreign
    }
}

/// Reads besluit streams and appends what commands decide, with optimistic concurrency (see `ZaakRepository`).
struct BesluitRepository: Sendable {
    let store: EventStore

    static func stream(_ besluit: UUID) -> String { StreamName.make(category: BesluitResource.streamCategory, id: besluit) }

    func load(_ besluit: UUID) async throws -> BesluitAggregate {
        var aggregate = BesluitAggregate(uuid: besluit)
        for event in try await store.readStream(Self.stream(besluit)) where event.data != ZaakResource.destroyedPayload {
            aggregate.apply(type: event.type, event: try event.decode(ZaakEvent.self), version: event.version)
        }
        return aggregate
    }

    /// The besluit a besluitinformatieobject belongs to.
    func owner(of uuid: UUID) async throws -> UUID? {
        try await store.client.query("SELECT besluit FROM besluiten.informatieobjecten WHERE uuid = \(uuid)").collect().first?.decode(UUID.self)
    }

    /// Returns the state the changes were decided on (the aggregate before them).
    @discardableResult
    func write(
        _ besluit: UUID, metadata: EventMetadata, decide: @Sendable (BesluitAggregate, EventStoreTransaction) async throws -> [BesluitChange]
    ) async throws -> BesluitAggregate {
        try await OptimisticRetry.run {
            let aggregate = try await load(besluit)
            try await store.transaction { transaction in
                let changes = try await decide(aggregate, transaction)
                let own = try changes.filter { $0.foreign == nil }.map { try NewEvent(type: $0.type, payload: $0.event) }
                if !own.isEmpty {
                    try await transaction.append(
                        to: Self.stream(besluit), expectedVersion: aggregate.version == 0 ? .noStream : .exact(aggregate.version), events: own, metadata: metadata)
                }
                for foreign in changes.compactMap(\.foreign) {
                    try await transaction.append(to: foreign.stream, expectedVersion: foreign.expected, events: [foreign.event], metadata: metadata)
                }
            }
            return aggregate
        }
    }
}

/// The besluit (or its besluitinformatieobject) does not exist: a 404.
struct BesluitNotFound: Error {}
