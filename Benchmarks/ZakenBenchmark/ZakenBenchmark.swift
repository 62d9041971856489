import ArgumentParser
import AsyncHTTPClient
import CommandAPI
import Domain
import EmbeddedPostgres
import EventStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import Projections
import ZGWHTTP
import ZaakstroomServer

/// Single-client latency of the zaak-detail reads, over real HTTP on 127.0.0.1 against the real server on a
/// private PostgreSQL: `GET zaak`, the 10-call sequence a zaak-detail screen makes without `expand`, and the
/// same information in one call (`expand`). Seeds `--zaken` zaken (2 statussen, 1 rol, 1 zaakobject,
/// 1 zaakeigenschap each, spread over `--zaaktypen` zaaktypen) through the API first. Also `GET /zaken` (first page)
/// for a client with every autorisatie and for one limited to `--limited-to` zaaktypen, on the same data (the
/// list is filtered in SQL). Reports median and p95 of `--requests` samples.
@main
struct ZakenBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ZakenBenchmark", abstract: "Zaken API read latency.")

    @Option(help: "Zaken to create before measuring.") var zaken = 1000
    @Option(help: "Published zaaktypen the zaken are spread over.") var zaaktypen = 100
    @Option(help: "Zaaktypen the limited client may read (GET /zaken scenario).") var limitedTo = 15
    @Option(help: "Samples per scenario.") var requests = 2000

    func run() async throws {
        var logger = Logger(label: "benchmark")
        // The server's shutdown at the end logs cancelled child channels at error level; not a finding.
        logger.logLevel = .critical
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-zbench-\(UUID().uuidString.prefix(8))").path
        let cluster = try EmbeddedPostgres(configuration: .init(dataDirectory: folder, database: "bench"), logger: logger)
        let connection = try cluster.start()
        try cluster.stopWhenProcessExits(removeData: true)
        defer { try? cluster.stop() }

        var configuration = PostgresClient.Configuration(unixSocketPath: connection.socketPath, username: connection.username, password: nil, database: "bench")
        configuration.options.maximumConnections = 20
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let store = EventStore(client: client, logger: logger, projectors: ReadModels.projectors)
        let registry = ApplicatieRegistry()
        let port = Int.random(in: 30000...39000)
        let base = "http://127.0.0.1:\(port)"
        let server = ServerConfiguration(port: port, publicBaseURL: base, logLevel: .error)
        let app = Application(
            router: buildRouter(ServerDependencies(configuration: server, store: store, registry: registry, logger: logger)),
            configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        let zaken = zaken, requests = requests, typeCount = zaaktypen, limitedTo = limitedTo
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await MigrationRunner(migrations: ReadModels.migrations).migrate(client: client, logger: logger)
            _ = try await ApplicatieCommands(store: store).create(
                clientID: "bench", secret: "bench", label: "bench", heeftAlleAutorisaties: true, metadata: EventMetadata(method: "bench"))
            try await registry.reload(client: client, logger: logger)
            group.addTask { try await app.runService() }
            let api = BenchmarkClient(base: base, token: ZGWToken.make(clientID: "bench", secret: "bench"))
            try await api.waitUntilUp()
            let seeded = try await Seed.run(api, zaken: zaken, zaaktypen: typeCount)
            print("seeded \(zaken) zaken over \(typeCount) zaaktypen; \(ProcessInfo.processInfo.activeProcessorCount) cores; \(requests) samples per scenario")
            _ = try await ApplicatieCommands(store: store).create(
                clientID: "limited", secret: "limited", label: "limited", heeftAlleAutorisaties: false,
                autorisaties: seeded.zaaktypen.prefix(limitedTo).map {
                    Autorisatie(component: .zrc, scopes: ["zaken.lezen"], zaaktype: $0, maxVertrouwelijkheidaanduiding: .zeerGeheim)
                }, metadata: EventMetadata(method: "bench"))
            try await registry.reload(client: client, logger: logger)
            let limited = BenchmarkClient(base: base, token: ZGWToken.make(clientID: "limited", secret: "limited"))
            let superuserList = try await Self.measure("GET /zaken, all autorisaties", requests) { _ in _ = try await api.get("/zaken/api/v1/zaken") }
            let limitedList = try await Self.measure("GET /zaken, \(limitedTo) zaaktypen", requests) { _ in _ = try await limited.get("/zaken/api/v1/zaken") }
            print(String(format: "limited / all autorisaties (median): %.2f", limitedList / superuserList))
            let expand = "zaaktype,status.statustype,rollen.roltype,eigenschappen.eigenschap,zaakobjecten,zaakinformatieobjecten"
            _ = try await Self.measure("GET zaak", requests) { index in
                _ = try await api.get(seeded.zaken[index % seeded.zaken.count])
            }
            _ = try await Self.measure("zaak detail, 10 calls", requests / 10) { index in
                let zaak = seeded.zaken[index % seeded.zaken.count]
                let encoded = zaak.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let zaakJSON = try await api.get(zaak)
                guard case .string(let type)? = zaakJSON["zaaktype"] else { throw BenchmarkClient.Failure(description: "zaak without zaaktype") }
                let zaaktype = type.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                for path in ["/zaken/api/v1/statussen?zaak=\(encoded)", "/zaken/api/v1/rollen?zaak=\(encoded)",
                             "/zaken/api/v1/zaakobjecten?zaak=\(encoded)", "\(String(zaak.dropFirst(base.count)))/zaakeigenschappen",
                             "/zaken/api/v1/zaakinformatieobjecten?zaak=\(encoded)", "/catalogi/api/v1/statustypen?zaaktype=\(zaaktype)",
                             "/catalogi/api/v1/roltypen?zaaktype=\(zaaktype)", "/catalogi/api/v1/eigenschappen?zaaktype=\(zaaktype)"] {
                    _ = try await api.get(base + path)
                }
                _ = try await api.get(type)
            }
            _ = try await Self.measure("zaak detail, 1 call (expand)", requests) { index in
                _ = try await api.get(seeded.zaken[index % seeded.zaken.count] + "?expand=" + expand)
            }
            group.cancelAll()
        }
    }

    /// Runs `body` `count` times after a warm-up; prints and returns the median in ms.
    @discardableResult
    static func measure(_ name: String, _ count: Int, _ body: (Int) async throws -> Void) async throws -> Double {
        for index in 0..<min(50, count) { try await body(index) }  // warm-up
        var samples: [Double] = []
        for index in 0..<count {
            let start = ContinuousClock.now
            try await body(index)
            let elapsed = ContinuousClock.now - start
            samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        samples.sort()
        let median = samples[samples.count / 2], p95 = samples[Int(Double(samples.count) * 0.95)]
        print("\(name.padding(toLength: 32, withPad: " ", startingAt: 0)) median \(String(format: "%7.3f", median)) ms   p95 \(String(format: "%7.3f", p95)) ms   (n=\(count))")
        return median
    }
}
