import Logging
import PostgresNIO

/// Applies migrations at start-up. Idempotent (applied ids are recorded) and safe when several instances
/// start at once: everything runs in one transaction behind a transaction-scoped advisory lock, so a second
/// instance waits, then finds the work done.
public struct MigrationRunner: Sendable {
    /// Arbitrary constant key for `pg_advisory_xact_lock`: "zaakstro" in ASCII.
    static let lockKey: Int64 = 0x7A61_616B_7374_726F

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Applies the missing migrations; returns the ids it applied.
    @discardableResult
    public func migrate(client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.withConnection { connection in
            try await self.migrate(connection: connection, logger: logger)
        }
    }

    @discardableResult
    public func migrate(connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS public.zaakstroom_migrations (
                    id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            let applied = try await appliedIDs(connection: connection, logger: logger)
            var done: [String] = []
            for migration in migrations where !applied.contains(migration.id) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO public.zaakstroom_migrations (id) VALUES (\(migration.id))", logger: logger)
                done.append(migration.id)
                logger.info("applied migration", metadata: ["migration": "\(migration.id)"])
            }
            try await connection.query("COMMIT", logger: logger)
            return done
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw EventStoreError(code: .migrationFailed, detail: String(reflecting: error))
        }
    }

    /// The ids of these migrations that are not applied yet (empty when the schema is current).
    public func pending(client: PostgresClient, logger: Logger) async throws -> [String] {
        let applied = try await client.withConnection { connection -> Set<String> in
            let exists = try await connection.query(
                "SELECT to_regclass('public.zaakstroom_migrations') IS NOT NULL", logger: logger
            ).collect().first?.decode(Bool.self) ?? false
            guard exists else { return [] }
            return try await appliedIDs(connection: connection, logger: logger)
        }
        return migrations.map(\.id).filter { !applied.contains($0) }
    }

    private func appliedIDs(connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        var ids = Set<String>()
        for try await id in try await connection.query("SELECT id FROM public.zaakstroom_migrations", logger: logger).decode(String.self) {
            ids.insert(id)
        }
        return ids
    }
}
