import EmbeddedPostgres
import EventStore
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL server of a test run: `ZAAKSTROOM_TEST_DATABASE_URL` (or `DATABASE_URL`) when given, else a
/// throwaway cluster initialised in a temporary folder on first use and removed when the test process exits.
/// Every test gets a database of its own, so tests run in parallel without sharing state.
public enum TestPostgres {
    /// A fresh, empty database on the run's server.
    public static func makeDatabase() async throws -> PostgresClient.Configuration {
        let server = try await shared.value
        let name = "t_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await withAdminConnection(server.admin) { connection in
            try await connection.query("CREATE DATABASE \(unescaped: name)", logger: logger)
        }
        var configuration = server.admin
        configuration.database = name
        configuration.options.maximumConnections = 12
        return configuration
    }

    /// The embedded test cluster, when the run uses one (for tests that need its programs, e.g. psql).
    public static func embeddedCluster() async throws -> EmbeddedPostgres? {
        try await shared.value.embedded
    }

    static let logger = Logger(label: "zaakstroom.tests.postgres")

    struct Server: Sendable {
        let admin: PostgresClient.Configuration
        let embedded: EmbeddedPostgres?
    }

    static let shared = Task<Server, any Error> {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["ZAAKSTROOM_TEST_DATABASE_URL"] ?? environment["DATABASE_URL"] {
            return Server(admin: try DatabaseURL.configuration(from: url), embedded: nil)
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("zaakstroom-test-\(ProcessInfo.processInfo.processIdentifier)").path
        let cluster = try EmbeddedPostgres(
            configuration: .init(
                dataDirectory: folder, database: "zaakstroom_tests",
                // Durability is not what tests measure: skip fsyncs; allow many parallel tests' pools.
                settings: ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "400"]),
            logger: logger)
        let connection = try cluster.start()
        // Stopped and removed when the test process ends, however it ends.
        try cluster.stopWhenProcessExits(removeData: true)
        let admin = PostgresClient.Configuration(
            unixSocketPath: connection.socketPath, username: connection.username, password: nil, database: "postgres")
        return Server(admin: admin, embedded: cluster)
    }

    private static func withAdminConnection(
        _ configuration: PostgresClient.Configuration, _ body: (PostgresConnection) async throws -> Void
    ) async throws {
        let client = PostgresClient(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.withConnection { try await body($0) }
        }
    }
}
