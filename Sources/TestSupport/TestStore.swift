import EventStore
import Logging
import PostgresNIO

/// A running `PostgresClient` on a fresh, migrated database, for the duration of `body`.
public func withTestDatabase<Result: Sendable>(
    migrations: [Migration] = EventStoreSchema.migrations,
    _ body: @Sendable (PostgresClient) async throws -> Result
) async throws -> Result {
    let configuration = try await TestPostgres.makeDatabase()
    let client = PostgresClient(configuration: configuration)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        defer { group.cancelAll() }
        try await MigrationRunner(migrations: migrations).migrate(client: client, logger: TestPostgres.logger)
        return try await body(client)
    }
}

/// An `EventStore` on a fresh, migrated database, for the duration of `body`.
public func withTestStore<Result: Sendable>(
    projectors: [any InlineProjector] = [],
    migrations: [Migration] = EventStoreSchema.migrations,
    _ body: @Sendable (EventStore) async throws -> Result
) async throws -> Result {
    try await withTestDatabase(migrations: migrations) { client in
        var logger = Logger(label: "zaakstroom.tests")
        logger.logLevel = .warning
        return try await body(EventStore(client: client, logger: logger, projectors: projectors))
    }
}
