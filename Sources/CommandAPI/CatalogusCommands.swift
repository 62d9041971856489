import Domain
import EventStore
import Foundation
import PostgresNIO
import Projections

/// Writes of catalogussen: validate, decide the event, append (the projector writes the read model in the
/// same transaction).
public struct CatalogusCommands: Sendable {
    let store: EventStore

    public init(store: EventStore) {
        self.store = store
    }

    /// Serialises the (domein, rsin) uniqueness check of concurrent creates.
    static let uniquenessLock: Int64 = 0x7A74_6330_0000_0001

    /// Creates a catalogus; returns its stored representation. Throws `ValidationErrors` on bad input or when
    /// another catalogus has the same domein and rsin (`unique`, as Open Zaak's model constraint).
    public func create(_ catalogus: Catalogus, metadata: EventMetadata) async throws -> String {
        let (representation, _) = try await store.transaction { transaction in
            try await create(catalogus, in: transaction, metadata: metadata)
            return try await StoredRepresentation.of(catalogus.uuid, in: "catalogi.catalogussen", connection: transaction.connection, logger: transaction.logger) ?? ""
        }
        return representation
    }

    /// The same inside a transaction another write opened (an import).
    public func create(_ catalogus: Catalogus, in transaction: EventStoreTransaction, metadata: EventMetadata) async throws {
        let connection = transaction.connection
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.uniquenessLock))", logger: transaction.logger)
        let taken = try await connection.query(
            "SELECT 1 FROM catalogi.catalogussen WHERE domein = \(catalogus.domein) AND rsin = \(catalogus.rsin)", logger: transaction.logger
        ).collect()
        guard taken.isEmpty else {
            throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "unique", reason: "Er bestaat al een catalogus met dit domein en RSIN.")])
        }
        try await transaction.append(
            to: StreamName.make(category: Catalogus.streamCategory, id: catalogus.uuid), expectedVersion: .noStream,
            events: [try NewEvent(type: CatalogusEvent.created, payload: CatalogusEvent.State(catalogus: catalogus))], metadata: metadata)
    }
}
