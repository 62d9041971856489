import CommandAPI
import Domain
import EmbeddedPostgres
import EventStore
import Foundation
import Hummingbird
import Logging
import Notifier
import PostgresNIO
import Projections
import ZGWHTTP
import ZaakstroomServer

/// The real server in process on 127.0.0.1, on a private PostgreSQL (a temp folder, removed afterwards), with
/// an API client `bench` that holds every autorisatie. Given a notifier configuration, the notifier is wired as
/// `zaakstroom serve` wires it: its services run with the server's, `prepare()` after the migrations.
public struct BenchmarkServer: Sendable {
    public let store: EventStore
    public let api: BenchmarkClient
    public let notifier: Notifier?
    let registry: ApplicatieRegistry

    /// Another client, with these autorisaties (for the limited-client scenarios).
    public func addClient(_ clientID: String, autorisaties: [Autorisatie]) async throws -> BenchmarkClient {
        _ = try await ApplicatieCommands(store: store).create(
            clientID: clientID, secret: clientID, label: clientID, heeftAlleAutorisaties: false, autorisaties: autorisaties,
            metadata: EventMetadata(method: "bench"))
        try await registry.reload(client: store.client, logger: store.logger)
        return BenchmarkClient(base: api.base, token: ZGWToken.make(clientID: clientID, secret: clientID))
    }

    public static func run(notifier notifierConfiguration: NotifierConfiguration? = nil, _ body: (BenchmarkServer) async throws -> Void) async throws {
        var logger = Logger(label: "benchmark")
        // The server's shutdown at the end logs cancelled child channels at error level; not a finding.
        logger.logLevel = .critical
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-bench-\(UUID().uuidString.prefix(8))").path
        let cluster = try EmbeddedPostgres(configuration: .init(dataDirectory: folder, database: "bench"), logger: logger)
        let connection = try cluster.start()
        try cluster.stopWhenProcessExits(removeData: true)
        defer { try? cluster.stop() }
        let database = PostgresClient.Configuration(unixSocketPath: connection.socketPath, username: connection.username, password: nil, database: "bench")
        let port = Int.random(in: 30000...39000)
        // Webhook receivers listen on 127.0.0.1, which the outbound policy refuses unless named.
        let server = ServerConfiguration(
            port: port, publicBaseURL: "http://127.0.0.1:\(port)", logLevel: .error, notifier: notifierConfiguration ?? NotifierConfiguration(),
            outboundHosts: ["127.0.0.1"])
        try await run(database: database, server: server, notifier: notifierConfiguration != nil, logger: logger, body)
    }

    /// The server on the database `server` names (`DATABASE_URL` or its embedded data folder, kept afterwards), as
    /// `zaakstroom serve` would find it: what the dataset generator writes through.
    public static func run(persistent server: ServerConfiguration, _ body: (BenchmarkServer) async throws -> Void) async throws {
        var logger = Logger(label: "benchmark")
        logger.logLevel = .critical
        let provider = try DatabaseProvider.resolve(server, logger: logger)
        defer { if provider.startedEmbedded { try? provider.embedded?.stop() } }
        try await run(database: provider.clientConfiguration, server: server, notifier: false, logger: logger, body)
    }

    static func run(
        database: PostgresClient.Configuration, server: ServerConfiguration, notifier withNotifier: Bool, logger: Logger,
        _ body: (BenchmarkServer) async throws -> Void
    ) async throws {
        var configuration = database
        configuration.options.maximumConnections = 20
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let store = EventStore(client: client, logger: logger, projectors: ReadModels.projectors)
        let registry = ApplicatieRegistry()
        let base = server.publicBaseURL
        let notifier = withNotifier ? Notifier(store: store, baseURL: base, configuration: server.notifier) : nil
        var app = Application(
            router: buildRouter(try ServerDependencies(configuration: server, store: store, registry: registry, logger: logger, notifier: notifier)),
            configuration: .init(address: .hostname("127.0.0.1", port: server.port)),
            // As `serve`: stopped in reverse order, the notifier's worker and tail before the pool.
            services: [client] + (notifier?.services ?? []), logger: logger)
        app.beforeServerStarts { [logger] in
            try await MigrationRunner(migrations: ReadModels.migrations).migrate(client: client, logger: logger)
            try await notifier?.prepare()
            if try await store.headPosition() == 0 {
                _ = try await ApplicatieCommands(store: store).create(
                    clientID: "bench", secret: "bench", label: "bench", heeftAlleAutorisaties: true, metadata: EventMetadata(method: "bench"))
            }
            try await registry.reload(client: client, logger: logger)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [app] in try await app.runService() }
            let api = BenchmarkClient(base: base, token: ZGWToken.make(clientID: "bench", secret: "bench"))
            try await api.waitUntilUp()
            try await body(BenchmarkServer(store: store, api: api, notifier: notifier, registry: registry))
            group.cancelAll()
        }
    }
}
