import Logging
import PostgresNIO
import Projections
import ServiceLifecycle

/// Keeps an `ApplicatieRegistry` current: reloads on every `auth_changed` notification (sent by triggers on the
/// auth tables, whichever instance wrote them) and, as a fallback for a lost listener, every `pollInterval`.
public struct ApplicatieRegistryRefresher: Service {
    let registry: ApplicatieRegistry
    let client: PostgresClient
    let logger: Logger
    let pollInterval: Duration

    public init(registry: ApplicatieRegistry, client: PostgresClient, logger: Logger, pollInterval: Duration = .seconds(5)) {
        self.registry = registry
        self.client = client
        self.logger = logger
        self.pollInterval = pollInterval
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await listen() }
            group.addTask { await poll() }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    private func listen() async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: AuthSchema.changeChannel) { notifications in
                        try await reload()  // anything changed before LISTEN took effect
                        for try await _ in notifications { try await reload() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                // Right after start-up the auth tables may not be migrated yet; that is no news for operators.
                let missingTable = (error as? PSQLError)?.serverInfo?[.sqlState] == "42P01"
                logger.log(level: missingTable ? .debug : .warning, "applicatie listener lost; retrying", metadata: ["error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    private func poll() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            if Task.isCancelled { return }
            do { try await reload() } catch { logger.warning("applicatie reload failed", metadata: ["error": "\(String(reflecting: error))"]) }
        }
    }

    private func reload() async throws {
        try await registry.reload(client: client, logger: logger)
    }
}
