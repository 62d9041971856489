import Logging
import PostgresNIO
import Projections
import ServiceLifecycle

/// Runs the projection groups' tidying statements (`ProjectionGroup.tidying`, e.g. folding the zaak counter
/// deltas) every `interval`, so what the list counts sum stays a row per key however many zaken are written.
/// Safe on several instances at once: a tidying statement keeps the sums whoever runs it.
public struct ReadModelTidier: Service {
    let client: PostgresClient
    let logger: Logger
    let interval: Duration

    public init(client: PostgresClient, logger: Logger, interval: Duration = .seconds(10)) {
        self.client = client
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        let statements = ReadModels.groups.flatMap(\.tidying)
        // Shutdown cancels the sleep: no wait of up to `interval` on SIGTERM.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                for statement in statements {
                    do {
                        try await client.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    } catch {
                        logger.warning("read-model tidying failed", metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
            }
        }
    }
}
