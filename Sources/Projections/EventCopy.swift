import EventStore
import Logging
import PostgresNIO

/// The events of some stream categories, copied from the log into a temporary table on another database's
/// connection (`check-projections`' scratch database), for a bulk build there (see `BulkReplay`). Payloads travel
/// as text; a destroyed one as JSON `null`, as the log reads it.
enum EventCopy {
    static func copy(
        from store: EventStore, categories: [String], upTo head: Int64, into table: String, batchSize: Int = 20_000,
        connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            PostgresQuery(unsafeSQL: "CREATE TEMP TABLE \(table) (position bigint, stream_id text, version bigint, event_type text, data jsonb) ON COMMIT DROP"),
            logger: logger)
        var position: Int64 = 0
        while position < head {
            var (positions, streams, versions, types, payloads) = ([Int64](), [String](), [Int64](), [String](), [String]())
            let rows = try await store.client.query(
                """
                SELECT position, stream_id, version, event_type, coalesce(data::text, 'null') FROM es.events
                WHERE position > \(position) AND position <= \(head) AND split_part(stream_id, '-', 1) = ANY(\(categories))
                ORDER BY position LIMIT \(Int64(batchSize))
                """, logger: logger)
            for try await (at, stream, version, type, data) in rows.decode((Int64, String, Int64, String, String).self) {
                positions.append(at)
                streams.append(stream)
                versions.append(version)
                types.append(type)
                payloads.append(data)
            }
            guard let last = positions.last else { break }
            try await connection.query(
                "INSERT INTO \(unescaped: table) SELECT p, s, v, t, d::jsonb FROM unnest(\(positions), \(streams), \(versions), \(types), \(payloads)) AS u(p, s, v, t, d)",
                logger: logger)
            position = last
        }
    }
}
