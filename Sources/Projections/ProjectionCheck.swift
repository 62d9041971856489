import EventStore
import Foundation
import Logging
import PostgresNIO

/// Rebuilds the read models from the log into another (migrated, empty) database and compares them with the
/// live ones row by row: the proof that what the inline projections wrote is what the log says.
public enum ProjectionCheck {
    /// The read-model schemas compared (every projection group's); secrets are not built from events.
    static var schemas: [String] { ReadModels.groups.map(\.schema) }
    static var skippedTables: Set<String> { Set(ReadModels.groups.flatMap { group in group.keptTables.map { "\(group.schema).\($0)" } }) }
    /// Columns that record when or in which order a row was written, not what the log says.
    static let skippedColumns = ["created_position", "updated_at"]
    /// Tables compared through a query of their own (see `ProjectionGroup.comparedBy`).
    static var comparedBy: [String: String] { ReadModels.groups.reduce(into: [:]) { all, group in all.merge(group.comparedBy) { a, _ in a } } }

    public struct Difference: Sendable, CustomStringConvertible {
        public let table: String
        /// The row as JSON, on the side that has it.
        public let row: String
        public let onlyIn: Side

        public enum Side: String, Sendable { case live, rebuilt }

        public var description: String { "\(table): only in \(onlyIn.rawValue): \(row)" }
    }

    /// Replays the whole log (up to `head`, by default the current head; without the streams of `excluded`
    /// categories) through `projectors` into `target`, `batchSize` events per transaction; calls
    /// `progress(done, total)` after each batch. Returns the number of events.
    public static func replay(
        from store: EventStore, into target: PostgresClient, projectors: [any InlineProjector], batchSize: Int = 5000, upTo head: Int64? = nil,
        excluding excluded: [String] = [], logger: Logger, progress: @Sendable (Int64, Int64) -> Void = { _, _ in }
    ) async throws -> Int {
        var statistics = StatisticsSchedule()
        var replayed = 0
        return try await forEachBatch(of: store, batchSize: batchSize, upTo: head, excluding: excluded, progress: progress) { appended in
            try await target.withTransaction(logger: logger) { connection in
                for projector in projectors { try await projector.apply(appended, connection: connection, logger: logger) }
            }
            replayed += appended.count
            if statistics.isDue(after: replayed) { try await target.query("ANALYZE", logger: logger) }
        }
    }

    /// The whole log in position order, `batchSize` events at a time, as projectors take them; returns the count.
    static func forEachBatch(
        of store: EventStore, batchSize: Int, upTo head: Int64? = nil, excluding excluded: [String] = [], progress: @Sendable (Int64, Int64) -> Void,
        _ body: ([AppendedEvent]) async throws -> Void
    ) async throws -> Int {
        var end = head
        if end == nil { end = try await store.headPosition() }
        let head = end ?? 0
        var position: Int64 = 0
        return try await ShadowRebuild.replay(store, after: &position, upTo: head, batchSize: batchSize, excluding: excluded) { batch, last in
            try await body(batch)
            progress(last, head)
        }
    }

    /// Every row that one side has and the other has not, per read-model table (at most `limit` in all).
    public static func compare(live: PostgresClient, rebuilt: PostgresClient, limit: Int = 100, logger: Logger) async throws -> [Difference] {
        var differences: [Difference] = []
        for table in try await tables(live, logger: logger) where !skippedTables.contains(table) {
            let (liveRows, rebuiltRows) = (try await rows(of: table, in: live, logger: logger), try await rows(of: table, in: rebuilt, logger: logger))
            var remaining = rebuiltRows
            for (row, count) in liveRows {
                let matched = min(count, remaining[row, default: 0])
                remaining[row] = remaining[row, default: 0] - matched
                differences.append(contentsOf: Array(repeating: Difference(table: table, row: row, onlyIn: .live), count: count - matched))
            }
            for (row, count) in remaining where count > 0 {
                differences.append(contentsOf: Array(repeating: Difference(table: table, row: row, onlyIn: .rebuilt), count: count))
            }
            if differences.count >= limit { break }
        }
        return Array(differences.prefix(limit))
    }

    static func tables(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        let rows = try await client.query(
            """
            SELECT table_schema || '.' || table_name FROM information_schema.tables
            WHERE table_schema = ANY(\(schemas)) AND table_type = 'BASE TABLE' ORDER BY 1
            """, logger: logger
        ).collect()
        return try rows.map { try $0.decode(String.self) }
    }

    /// The rows of `table` as JSON text (without the bookkeeping columns), counted.
    static func rows(of table: String, in client: PostgresClient, logger: Logger) async throws -> [String: Int] {
        let skipped = skippedColumns.map { " - '\($0)'" }.joined()
        var rows: [String: Int] = [:]
        let source = comparedBy[table].map { "(\($0))" } ?? table
        let sequence = try await client.query(PostgresQuery(unsafeSQL: "SELECT (to_jsonb(t)\(skipped))::text FROM \(source) t"), logger: logger)
        for try await row in sequence.decode(String.self) { rows[row, default: 0] += 1 }
        return rows
    }
}
