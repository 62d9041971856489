import EventStore
import Foundation
import Logging
import PostgresNIO

/// Rebuilds the read models in place from the log: in one transaction, every read-model row is deleted and
/// every event replayed through the projectors. Readers keep seeing the old rows until the commit (MVCC), so
/// the server keeps serving; writes that touch the same rows wait for the commit.
public enum ProjectionRebuild {
    public static func inPlace(
        store: EventStore, projectors: [any InlineProjector], batchSize: Int = 5000, logger: Logger,
        progress: @Sendable (Int64, Int64) -> Void = { _, _ in }
    ) async throws -> Int {
        let tables = try await ProjectionCheck.tables(store.client, logger: logger).filter { !ProjectionCheck.skippedTables.contains($0) }
        return try await store.client.withTransaction(logger: logger) { connection in
            for table in tables {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table)"), logger: logger)
            }
            return try await ProjectionCheck.forEachBatch(of: store, batchSize: batchSize, progress: progress) { appended in
                for projector in projectors { try await projector.apply(appended, connection: connection, logger: logger) }
            }
        }
    }
}
