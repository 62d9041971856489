import EventStore
import Foundation
import Logging
import PostgresNIO
import Testing
import TestSupport

/// Writes the number of events per stream into a side table, in the append's own transaction.
struct CountingProjector: InlineProjector {
    let name = "counting"
    func apply(_ events: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        for event in events {
            try await connection.query(
                """
                INSERT INTO counts (stream_id, version) VALUES (\(event.streamID), \(event.version))
                ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version
                """, logger: logger)
        }
    }
}

struct Failure: Error {}

@Suite("Event store: transactions and inline projections")
struct TransactionTests {
    static let migrations = EventStoreSchema.migrations + [
        Migration(id: "test-counts", statements: ["CREATE TABLE counts (stream_id text PRIMARY KEY, version bigint NOT NULL)"])
    ]

    @Test("inline projections commit with the events")
    func inlineProjectionCommitsWithEvents() async throws {
        try await withTestStore(projectors: [CountingProjector()], migrations: Self.migrations) { store in
            try await store.append(to: "zaak-p", expectedVersion: .any, events: [NewEvent(type: "a", data: "{}"), NewEvent(type: "b", data: "{}")])
            let rows = try await store.client.query("SELECT version FROM counts WHERE stream_id = 'zaak-p'")
            #expect(try await rows.collect().first?.decode(Int64.self) == 2)
        }
    }

    @Test("a failing command leaves neither events nor read-model rows, and no hole in the positions")
    func rollbackLeavesNothing() async throws {
        try await withTestStore(projectors: [CountingProjector()], migrations: Self.migrations) { store in
            await #expect(throws: Failure.self) {
                _ = try await store.transaction { transaction in
                    try await transaction.append(to: "zaak-r", expectedVersion: .any, events: [NewEvent(type: "a", data: "{}")])
                    throw Failure()
                }
            }
            #expect(try await store.readAll(after: 0).isEmpty)
            #expect(try await store.streamVersion("zaak-r") == nil)
            let rows = try await store.client.query("SELECT count(*) FROM counts")
            #expect(try await rows.collect().first?.decode(Int64.self) == 0)
            #expect(try await store.append(to: "zaak-s", expectedVersion: .any, events: [NewEvent(type: "a", data: "{}")]) == 1...1)
        }
    }

    @Test("a statement first prepared inside a failed transaction does not stay failed on the pool's connection")
    func failedPreparationDoesNotPoisonTheConnection() async throws {
        // One connection, so the second append would get the first one's connection back.
        var configuration = try await TestPostgres.makeDatabase()
        configuration.options.maximumConnections = 1
        configuration.options.minimumConnections = 0
        let client = PostgresClient(configuration: configuration)
        var logger = Logger(label: "zaakstroom.tests")
        logger.logLevel = .warning
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await MigrationRunner(migrations: EventStoreSchema.migrations).migrate(client: client, logger: logger)
            let store = EventStore(client: client, logger: logger, projectors: [])
            // The transaction fails before the append's statements are prepared on this connection for the first time;
            // PostgresNIO keeps a failed preparation's error for the connection's lifetime.
            await #expect(throws: (any Error).self) {
                _ = try await store.transaction { transaction in
                    _ = try? await transaction.connection.query("SELECT 1/0", logger: logger)
                    try await transaction.append(to: "zaak-f", expectedVersion: .noStream, events: [NewEvent(type: "a", data: "{}")])
                }
            }
            #expect(try await store.append(to: "zaak-g", expectedVersion: .noStream, events: [NewEvent(type: "a", data: "{}")]) == 1...1)
        }
    }

    @Test("one transaction can append to several streams atomically")
    func severalStreamsInOneTransaction() async throws {
        try await withTestStore { store in
            let (_, position) = try await store.transaction { transaction in
                try await transaction.append(to: "zaak-1", expectedVersion: .noStream, events: [NewEvent(type: "a", data: "{}")])
                try await transaction.append(to: "besluit-1", expectedVersion: .noStream, events: [NewEvent(type: "b", data: "{}")])
                return ()
            }
            #expect(position == 2)
            #expect(try await store.readAll(after: 0).map(\.streamID) == ["zaak-1", "besluit-1"])
        }
    }

    @Test("migrations are idempotent and safe when two instances start at once")
    func migrationsAreIdempotentAndConcurrent() async throws {
        try await withTestDatabase(migrations: []) { client in
            let runner = MigrationRunner(migrations: EventStoreSchema.migrations)
            let logger = Logger(label: "test")
            let applied = try await withThrowingTaskGroup(of: [String].self, returning: [[String]].self) { group in
                for _ in 0..<3 { group.addTask { try await runner.migrate(client: client, logger: logger) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(applied.filter { !$0.isEmpty }.count == 1)
            #expect(try await runner.migrate(client: client, logger: logger).isEmpty)
            #expect(try await runner.pending(client: client, logger: logger).isEmpty)
        }
    }
}
