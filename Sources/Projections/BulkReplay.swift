import Logging
import PostgresNIO

/// A projection group's set-based build from the whole log, for a rebuild into an empty (freshly migrated)
/// schema: what the group's inline projectors would leave after replaying every event up to `head`, computed in
/// SQL straight from `es.events` with each row written once. The inline projectors stay the only writers for
/// live appends and for the catch-up after a bulk build.
public protocol BulkReplay: Sendable {
    /// Stream categories whose events no projector outside this group reads: the event-by-event replay of the
    /// other groups skips them.
    var categories: [String] { get }
    /// Fills the group's empty tables from the events at positions `1...head` of `events` (`es.events`, or a copy
    /// with its columns `position`, `stream_id`, `version`, `event_type` and `data`), on the rebuild's connection
    /// (inside its transaction).
    func build(from events: String, upTo head: Int64, connection: PostgresConnection, logger: Logger) async throws
}

extension BulkReplay {
    /// The frame every bulk build shares: the secondary indexes of `tables` dropped and bulk memory raised, `load`
    /// (which drops the tables it staged, so their disk space is back before the index builds), then the indexes
    /// made again, the settings restored and `tables` analysed.
    func load(
        into tables: [String], connection: PostgresConnection, logger: Logger, _ load: () async throws -> Void
    ) async throws {
        let indexes = try await DeferredIndexes.drop(on: tables, connection: connection, logger: logger)
        try await BulkMemory.raise(connection: connection, logger: logger)
        try await load()
        try await indexes.restore(connection: connection, logger: logger)
        try await BulkMemory.restore(connection: connection, logger: logger)
        for table in tables { try await connection.query(PostgresQuery(unsafeSQL: "ANALYZE \(table)"), logger: logger) }
    }

    /// Runs `statements` in order on `connection`.
    func run(_ statements: [String], connection: PostgresConnection, logger: Logger) async throws {
        for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
    }
}
