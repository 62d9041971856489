import EventStore
import Foundation
import Logging
import PostgresNIO

/// Rebuilds read models from the log into shadow schemas and swaps them in, while the server keeps serving.
///
/// In one transaction, each group's live schema is renamed `<schema>__old` and a fresh one is made from the
/// group's migrations; the projectors, whose SQL names `zaken.zaken` and so on, now write the fresh tables
/// (a group with a `BulkReplay` is first built from the log up to the head in SQL instead).
/// Until COMMIT no other session sees the rename: readers and writers keep using the live tables. At the end,
/// the live tables are locked against writes (readers go on), the head of the log is locked, the events
/// appended meanwhile are replayed, kept tables and counters are carried over, and COMMIT swaps the schemas at
/// once. Writers that waited on the lock then resolve the names again and write the new tables. The old
/// schemas are dropped afterwards.
public enum ShadowRebuild {
    static let lockKey: Int64 = 0x7265_6275_696C_64

    public static func run(
        store: EventStore, groups: [ProjectionGroup], batchSize: Int = 5000, logger: Logger,
        progress: @Sendable (Int64, Int64) async -> Void = { _, _ in }
    ) async throws -> Int {
        let projectors = groups.flatMap(\.projectors)
        let replayed = try await store.client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                // One rebuild at a time ("rebuild" in ASCII).
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                for group in groups { try await makeShadow(group, connection: connection, logger: logger) }
                var position: Int64 = 0
                var count = 0
                var statistics = StatisticsSchedule()
                let head = try await store.headPosition()
                // Groups with a bulk build are made from the log in SQL; the others replay it, without the
                // streams only the bulk-built groups read.
                let (bulk, inline) = (groups.compactMap(\.bulk), groups.filter { $0.bulk == nil })
                for build in bulk { try await build.build(from: "es.events", upTo: head, connection: connection, logger: logger) }
                if !inline.isEmpty {
                    let replaying = inline.flatMap(\.projectors)
                    _ = try await replay(store, after: &position, upTo: head, batchSize: batchSize, excluding: bulk.flatMap(\.categories)) { batch, last in
                        for projector in replaying { try await projector.apply(batch, connection: connection, logger: logger) }
                        if statistics.isDue(after: Int(last)) {
                            for group in inline { try await analyze(group, connection: connection, logger: logger) }
                        }
                        await progress(last, head)
                    }
                }
                (position, count) = (head, Int(head))
                await progress(head, head)
                // The swap: no writer between the catch-up and COMMIT.
                for group in groups { try await lockOld(group, connection: connection, logger: logger) }
                let rows = try await connection.query("SELECT position FROM es.log_head WHERE id = 1 FOR UPDATE", logger: logger).collect()
                let final = try rows.first?.decode(Int64.self) ?? 0
                count += try await replay(store, after: &position, upTo: final, batchSize: batchSize) { batch, _ in
                    for projector in projectors { try await projector.apply(batch, connection: connection, logger: logger) }
                }
                for group in groups {
                    try await carryOver(group, connection: connection, logger: logger)
                    for statement in group.tidying { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                }
                try await connection.query("COMMIT", logger: logger)
                await progress(final, final)
                return count
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
        for group in groups {
            try await store.client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(group.schema)__old CASCADE"), logger: logger)
            // Fresh tables have no visibility map: until autovacuum comes by, index-only scans (the zaak list's
            // authorisation filter) would visit every row's page. VACUUM cannot run inside the rebuild's transaction.
            try await store.client.withConnection { connection in
                for table in try await tables(in: group.schema, connection: connection, logger: logger) {
                    try await connection.query(PostgresQuery(unsafeSQL: "VACUUM (ANALYZE) \(group.schema).\(table)"), logger: logger)
                }
            }
        }
        return replayed
    }

    /// Renames the live schema away (inside the transaction only) and builds an empty one in its place.
    static func makeShadow(_ group: ProjectionGroup, connection: PostgresConnection, logger: Logger) async throws {
        // A leftover of a rebuild that stopped after its COMMIT.
        try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(group.schema)__old CASCADE"), logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: "ALTER SCHEMA \(group.schema) RENAME TO \(group.schema)__old"), logger: logger)
        for statement in group.migrations.flatMap(\.statements) {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    /// Replays the committed events after `position` up to `head` in batches; moves `position` on. The next
    /// batch is read (and decoded) while the projectors write the current one.
    static func replay(
        _ store: EventStore, after position: inout Int64, upTo head: Int64, batchSize: Int, excluding categories: [String] = [],
        _ body: ([AppendedEvent], Int64) async throws -> Void
    ) async throws -> Int {
        let start = position
        func read(after position: Int64) -> Task<[RecordedEvent], any Error>? {
            guard position < head else { return nil }
            // Batches grow from 500 as the replay goes (up to `batchSize`): the first ones run before the fresh tables
            // have statistics (see `StatisticsSchedule`).
            let limit = min(batchSize, max(500, Int(position - start)), Int(head - position))
            return Task { try await store.readAll(after: position, upTo: head, limit: limit, excludingCategories: categories) }
        }
        var count = 0
        var next = read(after: position)
        defer { next?.cancel() }
        while let reading = next {
            let batch = try await reading.value
            guard let last = batch.last else { break }
            position = last.position
            next = read(after: position)
            try await body(batch.map(AppendedEvent.init(replaying:)), last.position)
            count += batch.count
        }
        return count
    }

    static func analyze(_ group: ProjectionGroup, connection: PostgresConnection, logger: Logger) async throws {
        for table in try await tables(in: group.schema, connection: connection, logger: logger) {
            try await connection.query(PostgresQuery(unsafeSQL: "ANALYZE \(group.schema).\(table)"), logger: logger)
        }
    }

    static func tables(in schema: String, connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = \(schema) AND table_type = 'BASE TABLE' ORDER BY 1",
            logger: logger
        ).collect().map { try $0.decode(String.self) }
    }

    /// Writers wait (readers do not) until COMMIT; in-flight writers finish first, so their events are in the log.
    static func lockOld(_ group: ProjectionGroup, connection: PostgresConnection, logger: Logger) async throws {
        let names = try await tables(in: "\(group.schema)__old", connection: connection, logger: logger)
        guard !names.isEmpty else { return }
        let list = names.map { "\(group.schema)__old.\($0)" }.joined(separator: ", ")
        try await connection.query(PostgresQuery(unsafeSQL: "LOCK TABLE \(list) IN EXCLUSIVE MODE"), logger: logger)
    }

    /// Rows of the kept tables, and every counter, continue from where the live schema was.
    static func carryOver(_ group: ProjectionGroup, connection: PostgresConnection, logger: Logger) async throws {
        let (live, old) = (group.schema, "\(group.schema)__old")
        for table in group.keptTables {
            let columns = try await connection.query(
                """
                SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
                WHERE table_schema = \(old) AND table_name = \(table) AND is_generated = 'NEVER' AND identity_generation IS NULL
                """, logger: logger
            ).collect().first?.decode(String?.self)
            guard let columns else { continue }
            try await connection.query(
                PostgresQuery(unsafeSQL: "INSERT INTO \(live).\(table) (\(columns)) SELECT \(columns) FROM \(old).\(table)"), logger: logger)
        }
        let sequences = try await connection.query(
            """
            SELECT o.sequencename FROM pg_sequences o JOIN pg_sequences n ON n.sequencename = o.sequencename AND n.schemaname = \(live)
            WHERE o.schemaname = \(old) AND o.last_value IS NOT NULL AND (n.last_value IS NULL OR n.last_value < o.last_value)
            """, logger: logger
        ).collect().map { try $0.decode(String.self) }
        for name in sequences {
            try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT setval('\(live).\(name)', (SELECT last_value FROM \(old).\(name)))"), logger: logger)
        }
    }
}
