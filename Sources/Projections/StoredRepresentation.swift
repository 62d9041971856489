import EventStore
import Foundation
import Logging
import PostgresNIO

/// Reads the ready-to-serve JSON of one row of a read table (every resource table has `uuid` and
/// `representation`).
public enum StoredRepresentation {
    public static func of(_ uuid: UUID, in table: String, connection: PostgresConnection, logger: Logger) async throws -> String? {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT representation::text FROM \(table) WHERE uuid = $1", binds: .of(uuid)), logger: logger
        ).collect()
        return try rows.first?.decode(String.self)
    }
}

extension StoredRepresentation {
    /// The same, read through the pool (after the write committed).
    public static func of(_ uuid: UUID, in table: String, client: PostgresClient) async throws -> String? {
        let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT representation::text FROM \(table) WHERE uuid = $1", binds: .of(uuid))).collect()
        return try rows.first?.decode(String.self)
    }
}
