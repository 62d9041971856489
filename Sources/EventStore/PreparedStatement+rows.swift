import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `statement`, prepared on this connection at its first use, and returns its rows.
    public func rows<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws -> [Statement.Row] {
        var rows: [Statement.Row] = []
        for try await row in try await execute(statement, logger: logger) { rows.append(row) }
        return rows
    }
}

extension PostgresClient {
    /// Runs `statement` on a pooled connection (prepared there at its first use) and returns its rows. Reading them all
    /// gives the connection back to the pool.
    public func rows<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws -> [Statement.Row] {
        var rows: [Statement.Row] = []
        for try await row in try await execute(statement, logger: logger) { rows.append(row) }
        return rows
    }
}
