import EmbeddedPostgres
import Logging
import ServiceLifecycle

/// Stops the embedded PostgreSQL when the service group shuts down. It is the group's first service, so it
/// is the last to stop: after the HTTP server and everything that uses the database.
struct EmbeddedPostgresService: Service {
    let embedded: EmbeddedPostgres
    let logger: Logger

    func run() async throws {
        // Returns on graceful shutdown, or throws when the group is cancelled: stop the server either way.
        try? await gracefulShutdown()
        do {
            try embedded.stop()
        } catch {
            logger.error("could not stop the embedded PostgreSQL", metadata: ["error": "\(error)"])
        }
    }
}
