import Foundation
import PostgresNIO

/// The statements of every append, prepared: each pooled connection parses and plans them once, at first use,
/// instead of on every write (sent unnamed, parse and plan were about half of their time in the server).
/// Each has an explicit name: the default, `String(reflecting:)`, is worked out again on every execution.
enum AppendStatements {
    /// A new stream at `count` events; no row when the stream exists.
    struct CreateStream: PostgresPreparedStatement {
        static let name = "AppendStatements.CreateStream"
        static let sql = """
            INSERT INTO es.streams (stream_id, category, version) VALUES ($1, $2, $3)
            ON CONFLICT (stream_id) DO NOTHING RETURNING version
            """
        let streamID: String, category: String, count: Int64

        func makeBindings() -> PostgresBindings { .of(streamID, category, count) }
        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// The stream moved on by `count` events if it is at `version`; no row when it is not.
    struct AdvanceStream: PostgresPreparedStatement {
        static let name = "AppendStatements.AdvanceStream"
        static let sql = "UPDATE es.streams SET version = version + $1 WHERE stream_id = $2 AND version = $3 RETURNING version"
        let count: Int64, streamID: String, version: Int64

        func makeBindings() -> PostgresBindings { .of(count, streamID, version) }
        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// The stream created or moved on by `count` events, whatever its version.
    struct CreateOrAdvanceStream: PostgresPreparedStatement {
        static let name = "AppendStatements.CreateOrAdvanceStream"
        static let sql = """
            INSERT INTO es.streams (stream_id, category, version) VALUES ($1, $2, $3)
            ON CONFLICT (stream_id) DO UPDATE SET version = es.streams.version + excluded.version RETURNING version
            """
        let streamID: String, category: String, count: Int64

        func makeBindings() -> PostgresBindings { .of(streamID, category, count) }
        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// `es.append_events`: numbers, chains and inserts the events; returns the last position.
    struct AppendEvents: PostgresPreparedStatement {
        static let name = "AppendStatements.AppendEvents"
        static let sql = "SELECT es.append_events($1, $2, $3, $4, $5, $6, $7)"
        let streamIDs: [String], versions: [Int64], eventIDs: [UUID], types: [String], schemaVersions: [Int64], data: [String], metadata: [String]

        func makeBindings() -> PostgresBindings { .of(streamIDs, versions, eventIDs, types, schemaVersions, data, metadata) }

        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }
}
