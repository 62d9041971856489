import Logging
import PostgresNIO

extension PostgresClient {
    /// `withTransaction`, rethrowing the body's own error rather than PostgresNIO's wrapper, so callers can
    /// tell a `LogArchiveError` from a database failure.
    func inTransaction<Result: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> sending Result) async throws -> sending Result {
        do {
            return try await withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }
}
