import Logging
import PostgresNIO

/// More memory for a bulk build's sorts, hashes and index builds (PostgreSQL's defaults spill them to disk at
/// 4 MB), for its statements only: set locally to the transaction, then back to the defaults.
enum BulkMemory {
    static func raise(connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT set_config('work_mem', '128MB', true), set_config('maintenance_work_mem', '256MB', true)", logger: logger)
    }

    static func restore(connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SET LOCAL work_mem TO DEFAULT", logger: logger)
        try await connection.query("SET LOCAL maintenance_work_mem TO DEFAULT", logger: logger)
    }
}
