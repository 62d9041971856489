import ArgumentParser
import BenchmarkSupport
import Domain
import Foundation
import EventStore
import Projections

/// Single-client latency of the zaak-detail reads, over real HTTP on 127.0.0.1 against the real server on a
/// private PostgreSQL: `GET zaak`, the 10-call sequence a zaak-detail screen makes without `expand`, and the
/// same information in one call (`expand`). Seeds `--zaken` zaken (2 statussen, 1 rol, 1 zaakobject,
/// 1 zaakeigenschap each) through the API first. Reports median and p95 of `--requests` samples.
@main
struct ZakenBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ZakenBenchmark", abstract: "Zaken API read latency.")

    @Option(help: "Zaken to create before measuring.") var zaken = 1000
    @Option(help: "Samples per scenario.") var requests = 2000
    @Option(help: "Published zaaktypen the zaken are spread over.") var zaaktypen = 100
    @Option(help: "Zaaktypen the limited client may read (GET /zaken scenario).") var limitedTo = 15
    @Flag(help: "Rebuild by replaying every event through the projectors (no bulk builds), for comparison.") var replay = false

    func run() async throws {
        let zaken = zaken, requests = requests, typeCount = zaaktypen, limitedTo = limitedTo
        let groups = replay ? ReadModels.groups.map(\.replayed) : ReadModels.groups
        try await BenchmarkServer.run { server in
            let api = server.api, base = api.base
            let seeded = try await Seed.run(api, zaken: zaken, zaaktypen: typeCount)
            print("seeded \(zaken) zaken over \(typeCount) zaaktypen; \(ProcessInfo.processInfo.activeProcessorCount) cores; \(requests) samples per scenario")
            let limited = try await server.addClient("limited", autorisaties: seeded.zaaktypen.prefix(limitedTo).map {
                Autorisatie(component: .zrc, scopes: ["zaken.lezen"], zaaktype: $0, maxVertrouwelijkheidaanduiding: .zeerGeheim)
            })
            let superuserList = try await Self.measure("GET /zaken, all autorisaties", requests) { _ in _ = try await api.get("/zaken/api/v1/zaken") }
            let limitedList = try await Self.measure("GET /zaken, \(limitedTo) zaaktypen", requests) { _ in _ = try await limited.get("/zaken/api/v1/zaken") }
            print(String(format: "limited / all autorisaties (median): %.2f", limitedList / superuserList))
            let expand = "zaaktype,status.statustype,rollen.roltype,eigenschappen.eigenschap,zaakobjecten,zaakinformatieobjecten"
            try await Self.measure("GET zaak", requests) { index in
                _ = try await api.get(seeded.zaken[index % seeded.zaken.count])
            }
            try await Self.measure("zaak detail, 10 calls", requests / 10) { index in
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
            try await Self.measure("zaak detail, 1 call (expand)", requests) { index in
                _ = try await api.get(seeded.zaken[index % seeded.zaken.count] + "?expand=" + expand)
            }
            // What `zaakstroom rebuild` does: every read model rebuilt from the log into shadow schemas, then swapped in.
            let start = ContinuousClock.now
            let events = try await ShadowRebuild.run(store: server.store, groups: groups, logger: server.store.logger)
            let seconds = (ContinuousClock.now - start).milliseconds / 1000
            printFigure("rebuild all read models", "\(events) events in \(String(format: "%.2f", seconds)) s: \(Int(Double(events) / seconds)) events/s")
            let verifyStart = ContinuousClock.now
            _ = try await server.store.verify(from: 1, to: nil)
            let verifySeconds = (ContinuousClock.now - verifyStart).milliseconds / 1000
            printFigure("verify hash chain", "\(events) events in \(String(format: "%.2f", verifySeconds)) s: \(Int(Double(events) / verifySeconds)) events/s")
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
            samples.append((ContinuousClock.now - start).milliseconds)
        }
        let figures = Percentiles(samples)
        printFigure(name, "median \(String(format: "%7.3f", figures.median)) ms   p95 \(String(format: "%7.3f", figures.at(0.95))) ms   (n=\(count))")
        return figures.median
    }
}
