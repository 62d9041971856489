import Domain
import EventStore
import Foundation
import PostgresNIO

/// One event a document command decided on, for the document's stream.
struct DocumentChange: Sendable {
    var type: String
    var event: DocumentEvent
}

/// Reads document streams into `DocumentAggregate`s and appends what commands decide, with optimistic
/// concurrency like `ZaakRepository`: on a concurrent write the command runs again on the new state, so two
/// PATCHes with the same lock each make their own version and neither is lost.
struct DocumentRepository: Sendable {
    let store: EventStore

    static func stream(_ document: UUID) -> String { StreamName.make(category: DocumentResource.streamCategory, id: document) }

    func load(_ document: UUID) async throws -> DocumentAggregate {
        var aggregate = DocumentAggregate(uuid: document)
        for event in try await store.readStream(Self.stream(document)) where event.data != ZaakResource.destroyedPayload {
            aggregate.apply(type: event.type, event: try event.decode(DocumentEvent.self), version: event.version)
        }
        return aggregate
    }

    /// The document a gebruiksrechten, objectinformatieobject, verzending or bestandsdeel belongs to.
    func owner(of uuid: UUID, kind: DocumentResource) async throws -> UUID? {
        let query: PostgresQuery = kind == .bestandsdeel
            ? "SELECT informatieobject FROM documenten.bestandsdelen WHERE uuid = \(uuid)"
            : "SELECT informatieobject FROM documenten.resources WHERE uuid = \(uuid) AND kind = \(kind.rawValue)"
        return try await store.client.query(query).collect().first?.decode(UUID.self)
    }

    /// Runs `decide` on the document's current state and appends its changes at the version read (inline
    /// projections included), again on a fresh state when another write came in between.
    /// Returns the state the changes were decided on (the aggregate before them).
    @discardableResult
    func write(
        _ document: UUID, metadata: EventMetadata,
        decide: @Sendable (DocumentAggregate, EventStoreTransaction) async throws -> [DocumentChange]
    ) async throws -> DocumentAggregate {
        try await OptimisticRetry.run {
            let aggregate = try await load(document)
            try await store.transaction { transaction in
                let changes = try await decide(aggregate, transaction)
                guard !changes.isEmpty else { return }
                let events = try changes.map { try NewEvent(type: $0.type, payload: $0.event) }
                try await transaction.append(
                    to: Self.stream(document), expectedVersion: aggregate.version == 0 ? .noStream : .exact(aggregate.version), events: events,
                    metadata: metadata)
            }
            return aggregate
        }
    }
}

/// The document (or the resource under it) does not exist: a 404.
struct DocumentNotFound: Error {}
