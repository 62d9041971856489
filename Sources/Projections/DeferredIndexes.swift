import Logging
import PostgresNIO

/// The secondary indexes of tables about to be bulk-loaded, dropped before the load and made again after it
/// from their own definitions: one index build over the loaded rows costs far less than maintaining the index
/// row by row (the GIN index over the resources' JSON most of all). Indexes behind constraints (primary keys)
/// stay.
struct DeferredIndexes {
    let definitions: [String]

    static func drop(on tables: [String], connection: PostgresConnection, logger: Logger) async throws -> DeferredIndexes {
        let rows = try await connection.query(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = ANY(SELECT unnest(\(tables))::regclass)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY i.indexrelid
            """, logger: logger
        ).collect()
        var definitions: [String] = []
        for row in rows {
            let (name, definition) = try row.decode((String, String).self)
            try await connection.query(PostgresQuery(unsafeSQL: "DROP INDEX \(name)"), logger: logger)
            definitions.append(definition)
        }
        return DeferredIndexes(definitions: definitions)
    }

    func restore(connection: PostgresConnection, logger: Logger) async throws {
        for definition in definitions {
            try await connection.query(PostgresQuery(unsafeSQL: definition), logger: logger)
        }
    }
}
