import ArgumentParser
import CommandAPI
import Foundation
import EventStore
import Logging
import PostgresNIO
import Projections

/// The flags every command that needs the database shares; each falls back to its environment variable.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data folder of the embedded PostgreSQL (env ZAAKSTROOM_DATA_DIR; default ./zaakstroom-data). Ignored when DATABASE_URL is set.")
    var dataDirectory: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env ZAAKSTROOM_LOG_LEVEL; default info).")
    var logLevel: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    func resolvedLogLevel() throws -> Logger.Level {
        let text = logLevel ?? environment["ZAAKSTROOM_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError("unknown log level \(text)")
        }
        return level
    }

    func configuration() throws -> ServerConfiguration {
        ServerConfiguration(
            databaseURL: environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            dataDirectory: dataDirectory ?? environment["ZAAKSTROOM_DATA_DIR"] ?? "./zaakstroom-data",
            logLevel: try resolvedLogLevel())
    }
}

/// The flags of `serve`.
struct ServerOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on (env ZAAKSTROOM_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (env ZAAKSTROOM_PORT; default 8000).")
    var port: Int?

    @Option(name: .customLong("public-url"), help: "Base URL of every resource URL in responses (env ZAAKSTROOM_PUBLIC_URL; default http://<host>:<port>).")
    var publicURL: String?

    @Option(name: .customLong("jwt-expiry"), help: "Seconds a JWT is valid after its iat (env ZAAKSTROOM_JWT_EXPIRY; default 3600).")
    var jwtExpiry: Int?

    @Option(name: .customLong("jwt-leeway"), help: "Seconds of clock skew allowed on iat (env ZAAKSTROOM_JWT_LEEWAY; default 30).")
    var jwtLeeway: Int?

    @Option(name: .customLong("selectielijst-url"), help: "Base URL of the Selectielijst API (env ZAAKSTROOM_SELECTIELIJST_URL; default https://selectielijst.openzaak.nl/api/v1).")
    var selectielijstURL: String?

    @Option(name: .customLong("applicaties-file"), help: "JSON file of applicaties with their secrets, applied idempotently at start-up (env ZAAKSTROOM_APPLICATIES_FILE).")
    var applicatiesFile: String?

    @OptionGroup var notifier: NotifierOptions

    func configuration() throws -> ServerConfiguration {
        let environment = database.environment
        let base = try database.configuration()
        func integer(_ flag: Int?, _ key: String, _ fallback: Int) throws -> Int {
            if let flag { return flag }
            guard let text = environment[key] else { return fallback }
            guard let value = Int(text) else { throw ValidationError("\(key) must be a number, not \(text)") }
            return value
        }
        return ServerConfiguration(
            databaseURL: base.databaseURL, dataDirectory: base.dataDirectory,
            host: host ?? environment["ZAAKSTROOM_HOST"] ?? "127.0.0.1",
            port: try integer(port, "ZAAKSTROOM_PORT", 8000),
            publicBaseURL: publicURL ?? environment["ZAAKSTROOM_PUBLIC_URL"],
            logLevel: base.logLevel,
            jwtExpiry: try integer(jwtExpiry, "ZAAKSTROOM_JWT_EXPIRY", 3600),
            jwtLeeway: try integer(jwtLeeway, "ZAAKSTROOM_JWT_LEEWAY", 30),
            selectielijstURL: selectielijstURL ?? environment["ZAAKSTROOM_SELECTIELIJST_URL"] ?? "https://selectielijst.openzaak.nl/api/v1",
            applicatiesFile: applicatiesFile ?? environment["ZAAKSTROOM_APPLICATIES_FILE"],
            notifier: try notifier.configuration(environment: environment),
            contentDirectory: environment["ZAAKSTROOM_CONTENT_DIR"],
            uploadChunkSize: Int64(try integer(nil, "ZAAKSTROOM_UPLOAD_CHUNK_SIZE", 4 << 30)),
            outboundHosts: (environment["ZAAKSTROOM_OUTBOUND_HOSTS"] ?? "").split(separator: ",").map(String.init),
            externalServices: try externalServices(environment["ZAAKSTROOM_EXTERNAL_SERVICES"]))
    }

    /// The external services file, when one is named; one that cannot be read stops the start.
    func externalServices(_ path: String?) throws -> ExternalServices {
        guard let path, !path.isEmpty else { return ExternalServices(services: []) }
        do {
            return try ExternalServices.load(path: path)
        } catch {
            throw ValidationError("ZAAKSTROOM_EXTERNAL_SERVICES: \(path) is not a readable JSON list of services (\(error))")
        }
    }
}

extension DatabaseOptions {
    /// For one-off commands: resolves the database (starting the embedded one if needed, and stopping it again
    /// if this command started it), optionally migrates, and runs `body` with an event store.
    func withStore<Result: Sendable>(
        migrate: Bool = true, quiet: Bool = true, _ body: @Sendable (EventStore) async throws -> Result
    ) async throws -> Result {
        let configuration = try configuration()
        let logger = makeLogger(label: "zaakstroom", level: quiet ? max(configuration.logLevel, .warning) : configuration.logLevel)
        let provider = try DatabaseProvider.resolve(configuration, logger: logger)
        return try await provider.withClient(logger: logger) { client in
            if migrate {
                try await MigrationRunner(migrations: ReadModels.migrations).migrate(client: client, logger: logger)
            }
            return try await body(EventStore(client: client, logger: logger, projectors: ReadModels.projectors))
        }
    }

    /// The same, also handing over how to connect (for commands that open a second database on the server).
    func withStoreAndDatabase<Result: Sendable>(
        _ body: @Sendable (EventStore, PostgresClient.Configuration) async throws -> Result
    ) async throws -> Result {
        let configuration = try configuration()
        let logger = makeLogger(label: "zaakstroom", level: max(configuration.logLevel, .warning))
        let provider = try DatabaseProvider.resolve(configuration, logger: logger)
        return try await provider.withClient(logger: logger) { client in
            try await MigrationRunner(migrations: ReadModels.migrations).migrate(client: client, logger: logger)
            return try await body(EventStore(client: client, logger: logger, projectors: ReadModels.projectors), provider.clientConfiguration)
        }
    }
}
