import ArgumentParser
import CommandAPI
import EventStore
import Foundation
import Hummingbird
import Logging
import Notifier
import PostgresNIO
import Projections
import ServiceLifecycle
import ZGWHTTP

/// `zaakstroom serve`: the HTTP server, on `DATABASE_URL` or on its own embedded PostgreSQL.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Start the server (on its own embedded PostgreSQL when DATABASE_URL is not set).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration()
        let logger = makeLogger(label: "zaakstroom", level: configuration.logLevel)
        if configuration.outboundPolicy.anyHost {
            logger.warning("ZAAKSTROOM_OUTBOUND_HOSTS=* lets every client make this server call any address, its own network included; for development only")
        }
        let database: DatabaseProvider
        do {
            database = try DatabaseProvider.resolve(configuration, logger: logger)
        } catch {
            // One clear line (e.g. which package to install), no stack of wrappers; a failing exit status.
            FileHandle.standardError.write(Data("zaakstroom: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let client = PostgresClient(configuration: database.clientConfiguration, backgroundLogger: logger)
        let store = EventStore(client: client, logger: logger, projectors: ReadModels.projectors)
        let registry = ApplicatieRegistry()
        // Before anything makes a metric: those made earlier would not reach the backend.
        let metrics = MetricsController.bootstrap()
        let notifier = Notifier(store: store, baseURL: configuration.publicBaseURL, configuration: configuration.notifier)
        let dependencies = try ServerDependencies(
            configuration: configuration, store: store, registry: registry, logger: logger, notifier: notifier, metrics: metrics)

        var app = Application(
            router: buildRouter(dependencies),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "zaakstroom"),
            // Stopped in reverse order: the notifier's worker and tail before the refresher and the pool.
            services: [client, ApplicatieRegistryRefresher(registry: registry, client: client, logger: logger), ReadModelTidier(client: client, logger: logger)]
                + notifier.services,
            onServerRunning: { _ in
                logger.notice("Zaakstroom is ready at \(configuration.publicBaseURL) (e.g. \(configuration.publicBaseURL)/zaken/api/v1/)")
                if registry.count == 0 {
                    logger.notice(
                        "No API clients yet. Create one, then make a token: zaakstroom applicatie create --client-id demo --secret demo-secret --all; zaakstroom token --client-id demo --secret demo-secret"
                    )
                }
            },
            logger: logger)
        let applicaties = try configuration.applicatiesFile.map { try ApplicatieConfiguration.load(path: $0) }
        app.beforeServerStarts {
            try await MigrationRunner(migrations: ReadModels.migrations).migrate(client: client, logger: logger)
            try await notifier.prepare()
            if let applicaties {
                let outcomes = try await applicaties.apply(store: store, metadata: EventMetadata(method: "config", actie: "apply"))
                logger.notice("applicaties file applied", metadata: ["outcomes": "\(outcomes)"])
            }
            try await registry.reload(client: client, logger: logger)
        }

        var services: [any Service] = []
        if let embedded = database.embedded {
            // First in the group, so it stops last: after the HTTP server and the connection pool.
            services.append(EmbeddedPostgresService(embedded: embedded, logger: logger))
        }
        services.append(app)
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

func makeLogger(label: String, level: Logger.Level) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = level
    return logger
}
