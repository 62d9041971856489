import Logging
import PostgresNIO

/// More memory for a bulk build's sorts, hashes and index builds (PostgreSQL's defaults spill them to disk at
/// 4 MB), and LZ4 rather than pglz for its large JSON values (the zaak-detail documents: a quarter of the zaken
/// insert), for its statements only: set locally to the transaction, then back to the defaults. Compression is
/// invisible to readers; rows written later use the server's default again.
enum BulkMemory {
    static func raise(connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "SELECT set_config('work_mem', '128MB', true), set_config('maintenance_work_mem', '256MB', true), set_config('default_toast_compression', 'lz4', true)",
            logger: logger)
    }

    static func restore(connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SET LOCAL work_mem TO DEFAULT", logger: logger)
        try await connection.query("SET LOCAL maintenance_work_mem TO DEFAULT", logger: logger)
        try await connection.query("SET LOCAL default_toast_compression TO DEFAULT", logger: logger)
    }
}
