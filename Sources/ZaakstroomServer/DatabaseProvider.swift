import EmbeddedPostgres
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Resolves where the database is: `DATABASE_URL` when set (never starting a server then), else the embedded
/// PostgreSQL in the data folder, started if it is not running.
public struct DatabaseProvider: Sendable {
    public let clientConfiguration: PostgresClient.Configuration
    /// The embedded server, when we use one.
    public let embedded: EmbeddedPostgres?
    /// True when this process started the embedded server (so it should stop it again).
    public let startedEmbedded: Bool

    public static func resolve(_ configuration: ServerConfiguration, logger: Logger) throws -> DatabaseProvider {
        if let url = configuration.databaseURL {
            return DatabaseProvider(clientConfiguration: try DatabaseURL.configuration(from: url), embedded: nil, startedEmbedded: false)
        }
        let embedded = try EmbeddedPostgres(configuration: .init(dataDirectory: configuration.dataDirectory), logger: logger)
        let connection = try embedded.start()
        let clientConfiguration = PostgresClient.Configuration(
            unixSocketPath: connection.socketPath, username: connection.username, password: nil, database: connection.database)
        return DatabaseProvider(clientConfiguration: clientConfiguration, embedded: embedded, startedEmbedded: connection.startedServer)
    }

    /// Runs `body` with a running client; stops the embedded server afterwards if this call started it.
    /// For one-off CLI commands.
    public func withClient<Result: Sendable>(logger: Logger, _ body: @Sendable (PostgresClient) async throws -> Result) async throws -> Result {
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        defer { if startedEmbedded { try? embedded?.stop() } }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            // Give run() a moment to start, so the first lease does not warn that it has not been called yet.
            try await Task.sleep(for: .milliseconds(20))
            return try await body(client)
        }
    }
}
