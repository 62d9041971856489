import CommandAPI
import ContentStore
import Domain
import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Notifier
import Projections
import TestSupport
import ZGWHTTP
import ZaakstroomServer

/// A server on a fresh database, tested through the real router (in-process, no socket).
struct TestServer {
    static let baseURL = "http://testserver"
    let store: EventStore
    let registry: ApplicatieRegistry
    /// Its routes are served; its services (tail, worker) run only where a test starts them.
    let notifier: Notifier
    /// The routes the router serves under each API root (405 refusals left out).
    var servedRoutes: [ZGWAPI: Set<ServedRoute>] = [:]

    /// The hosts tests name for outbound calls: their stubs and webhook receivers listen on 127.0.0.1.
    static let localHosts = ["127.0.0.1", "localhost"]

    /// Runs `body` with a migrated database and the server's router.
    static func run<Result: Sendable>(
        jwtExpiry: Int = 3600, uploadChunkSize: Int64 = 4 << 30, selectielijstURL: String = "http://127.0.0.1:9/api/v1", notifier notifierConfiguration: NotifierConfiguration = .forTests(),
        outboundHosts: [String] = localHosts, _ body: @Sendable (TestServer, any TestClientProtocol) async throws -> Result
    ) async throws -> Result {
        try await withTestStore(projectors: ReadModels.projectors, migrations: ReadModels.migrations) { store in
            try await serve(
                store, jwtExpiry: jwtExpiry, uploadChunkSize: uploadChunkSize, selectielijstURL: selectielijstURL, notifier: notifierConfiguration,
                outboundHosts: outboundHosts, body)
        }
    }

    /// The server's router on an existing store (e.g. one loaded by an import).
    static func serve<Result: Sendable>(
        _ store: EventStore, jwtExpiry: Int = 3600, uploadChunkSize: Int64 = 4 << 30, selectielijstURL: String = "http://127.0.0.1:9/api/v1",
        notifier notifierConfiguration: NotifierConfiguration = .forTests(), outboundHosts: [String] = localHosts,
        _ body: @Sendable (TestServer, any TestClientProtocol) async throws -> Result
    ) async throws -> Result {
        let registry = ApplicatieRegistry()
        try await registry.reload(client: store.client, logger: store.logger)
        let configuration = ServerConfiguration(
            publicBaseURL: baseURL, jwtExpiry: jwtExpiry, selectielijstURL: selectielijstURL, notifier: notifierConfiguration,
            uploadChunkSize: uploadChunkSize, outboundHosts: outboundHosts)
        let notifier = Notifier(store: store, baseURL: baseURL, configuration: configuration.notifier)
        try await notifier.prepare()
        let contentDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-content-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: contentDirectory) }
        let router = buildRouter(
            try ServerDependencies(
                configuration: configuration, store: store, registry: registry, logger: store.logger, notifier: notifier,
                contents: try FileSystemContentStore(directory: contentDirectory)))
        let app = Application(router: router, logger: store.logger)
        let servedRoutes = Dictionary(uniqueKeysWithValues: ZGWAPI.allCases.map { ($0, ZaakstroomServer.servedRoutes(of: router, api: $0)) })
        let server = TestServer(store: store, registry: registry, notifier: notifier, servedRoutes: servedRoutes)
        return try await app.test(.router) { client in try await body(server, client) }
    }

    /// Creates an applicatie with a secret and reloads the registry, as the refresher would.
    func addClient(_ clientID: String, secret: String, all: Bool = true, autorisaties: [Autorisatie] = []) async throws {
        try await ApplicatieCommands(store: store).create(
            clientID: clientID, secret: secret, label: clientID, heeftAlleAutorisaties: all, autorisaties: autorisaties,
            metadata: EventMetadata(method: "test"))
        try await registry.reload(client: store.client, logger: store.logger)
    }
}

/// Decodes a problem+json body.
func problem(_ response: TestResponse) throws -> ProblemDetails {
    try JSONDecoder().decode(ProblemDetails.self, from: Data(buffer: response.body))
}

func bearer(_ token: String) -> HTTPFields {
    [.authorization: "Bearer \(token)"]
}

/// JSON request headers with a token.
func jsonHeaders(_ token: String) -> HTTPFields {
    [.authorization: "Bearer \(token)", .contentType: "application/json"]
}

/// Decodes a JSON object body.
func jsonObject(_ response: TestResponse) throws -> [String: JSONValue] {
    guard case .object(let object) = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body)) else {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not an object: \(response.status) \(String(buffer: response.body).prefix(300))"))
    }
    return object
}
