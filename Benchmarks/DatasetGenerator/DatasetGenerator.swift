import ArgumentParser
import BenchmarkSupport
import Domain
import EventStore
import Foundation
import Projections
import ZaakstroomServer

/// The dataset of Open Zaak's performance tests, in a database `zaakstroom serve` then serves: 1 catalogus,
/// `--zaaktypen` zaaktypen made through the Catalogi API, one template zaak per zaaktype (and kind: with or
/// without besluit) made through the real API, and the remaining zaken cloned from those templates' events
/// straight into the log by concurrent writers; then the read models are rebuilt from the log and the hash
/// chain verified. Prints ingest, rebuild and verify throughput; fails on any error.
@main
struct DatasetGenerator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "DatasetGenerator", abstract: "Generate the municipal-scale benchmark dataset.")

    @Option(help: "Zaken, each with 3 statussen, a resultaat, a rol, a zaakeigenschap, a zaakobject and a document.") var zaken = 10_000
    @Option(help: "Besluiten, each on its own zaak with a besluitinformatieobject (default: one per zaak).") var besluiten: Int?
    @Option(help: "Published zaaktypen in the catalogus.") var zaaktypen = 100
    @Option(help: "Zaaktypen the `limited` client (secret `limited`) may read.") var limited = 15
    @Option(help: "Embedded PostgreSQL data folder, as `zaakstroom serve --data-dir` (must be new or empty).") var dataDir = "./zaakstroom-data"
    @Option(help: "Use this PostgreSQL instead of an embedded one.") var databaseURL: String?
    @Option(help: "Port of the in-process server; serve the data on the same port (stored autorisaties name its URLs).") var port = 18700
    @Option(help: "Concurrent writers.") var writers = 4
    @Option(help: "Zaken per append transaction.") var perTransaction = 200
    @Option(help: "Write the figures as JSON to this file (the ingest's as soon as it ends, the rest at the end).") var summary: String?
    @Flag(help: "Resume a run that stopped after its ingest: rebuild, verify and check the log in --data-dir (the ingest's figures come from its --summary).")
    var resume = false

    func run() async throws {
        let besluiten = min(besluiten ?? zaken, zaken)
        let kinds = (besluiten > 0 ? 1 : 0) + (besluiten < zaken ? 1 : 0)
        guard zaaktypen > 0, zaken >= zaaktypen * kinds, limited <= zaaktypen else {
            throw GeneratorError("need --zaken ≥ \(zaaktypen * kinds) (one template per zaaktype and kind) and --limited ≤ --zaaktypen")
        }
        let command = self
        try await SelectielijstStub.run { selectielijst in
            let server = ServerConfiguration(
                databaseURL: command.databaseURL, dataDirectory: command.dataDir, port: command.port, logLevel: .error, selectielijstURL: selectielijst)
            try await BenchmarkServer.run(persistent: server) { server in
                try await command.generate(server, besluiten: besluiten, selectielijst: selectielijst)
            }
        }
    }

    func generate(_ server: BenchmarkServer, besluiten: Int, selectielijst: String) async throws {
        let store = server.store
        var figures: [String: Double] = ["zaken": Double(zaken), "besluiten": Double(besluiten), "zaaktypen": Double(zaaktypen)]
        if resume {
            guard try await store.headPosition() > 1 else { throw GeneratorError("--resume: the database in --data-dir has no events") }
            if let summary, let data = FileManager.default.contents(atPath: summary),
                let earlier = try JSONSerialization.jsonObject(with: data) as? [String: Double]
            {
                figures.merge(earlier.filter { $0.key.hasPrefix("ingest_") }) { _, earlier in earlier }
            }
        } else {
            guard try await store.headPosition() <= 1 else { throw GeneratorError("the database already has events; give a new --data-dir") }
            let (ingested, ingestSeconds) = try await ingest(server, besluiten: besluiten, selectielijst: selectielijst)
            figures["ingest_events"] = Double(ingested)
            figures["ingest_seconds"] = ingestSeconds
            figures["ingest_events_per_second"] = Double(ingested) / ingestSeconds
            try write(figures)
        }
        try await finish(server, besluiten: besluiten, figures: figures)
    }

    /// The catalogus and templates through the API, then the clones straight into the log: events appended, seconds.
    func ingest(_ server: BenchmarkServer, besluiten: Int, selectielijst: String) async throws -> (Int, Double) {
        let store = server.store, api = server.api
        let catalogus = try await api.post("/catalogi/api/v1/catalogussen", #"{"domein": "BENCH", "rsin": "002220647", "contactpersoonBeheerNaam": "Ad"}"#)
        var types: [SeededZaaktype] = []
        for index in 0..<zaaktypen {
            types.append(try await SeededZaaktype.seed(api, catalogus: catalogus, index: index, selectielijst: selectielijst))
            FileHandle.standardError.write(Data("\rcatalogi: \(index + 1)/\(zaaktypen) zaaktypen".utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        _ = try await server.addClient("limited", autorisaties: types.prefix(limited).map {
            Autorisatie(component: .zrc, scopes: ["zaken.lezen"], zaaktype: $0.zaaktype, maxVertrouwelijkheidaanduiding: .zeerGeheim)
        })
        // Templates through the API: [without besluit, with besluit] per zaaktype (a kind not needed is skipped).
        var templates: [[Bool: EventTemplate]] = []
        var templateZaken = 0, templateBesluiten = 0
        for (index, type) in types.enumerated() {
            var kinds: [Bool: EventTemplate] = [:]
            for withBesluit in [false, true] where withBesluit ? besluiten > 0 : besluiten < zaken {
                let before = try await store.headPosition()
                try await TemplateUnit.create(api, type, besluit: withBesluit)
                kinds[withBesluit] = try EventTemplate(try await store.readAll(after: before, limit: 1000))
                templateZaken += 1
                templateBesluiten += withBesluit ? 1 : 0
            }
            templates.append(kinds)
            FileHandle.standardError.write(Data("\rtemplates: \(index + 1)/\(types.count) zaaktypen".utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))

        let clones = zaken - templateZaken, cloneBesluiten = besluiten - templateBesluiten
        let frozen = templates
        let template: @Sendable (Int) -> EventTemplate = { index in
            let kinds = frozen[index % frozen.count]
            return (index < cloneBesluiten ? kinds[true] : kinds[false]) ?? kinds.values.first!
        }
        let expected = (0..<clones).reduce(Int64(0)) { $0 + Int64(template($1).eventCount) }
        let ingestBar = ProgressBar("ingest ", total: expected)
        let ingested = try await Ingest(store: store, writers: writers, unitsPerTransaction: perTransaction)
            .run(count: clones, template: template, progress: ingestBar)
        let ingestSeconds = ingestBar.finish()
        print("templates: \(templateZaken) zaken through the API")
        printFigure("ingest (\(writers) writers)", "\(ingested) events in \(String(format: "%.1f", ingestSeconds)) s: \(Int(Double(ingested) / ingestSeconds)) events/s")
        return (ingested, ingestSeconds)
    }

    /// Rebuilds the read models from the log, verifies the chain, checks the API serves the data, and writes the figures.
    func finish(_ server: BenchmarkServer, besluiten: Int, figures: [String: Double]) async throws {
        let store = server.store, api = server.api
        let head = try await store.headPosition()
        // The generated history is not news: like `zaakstroom import`, the notifier starts after it (otherwise the
        // first abonnement of a benchmark receives every generated zaak's events before its own).
        try await store.client.query(EventStore.skippingHistory(upTo: head), logger: store.logger)

        let rebuildBar = ProgressBar("rebuild", total: head)
        let rebuilt = try await ShadowRebuild.run(store: store, groups: ReadModels.groups, logger: store.logger) { done, _ in rebuildBar.set(done) }
        let rebuildSeconds = rebuildBar.finish()

        let verifyBar = ProgressBar("verify ", total: head)
        let verification = try await store.verify(progress: { done, _ in verifyBar.set(done) })
        let verifySeconds = verifyBar.finish()
        guard verification.isIntact else { throw GeneratorError("hash chain broken: \(verification)") }

        try await SpotCheck(api: api).run(zaken: zaken, besluiten: besluiten)
        var figures = figures
        figures["events"] = Double(head)
        figures["rebuild_events"] = Double(rebuilt)
        figures["rebuild_seconds"] = rebuildSeconds
        figures["rebuild_events_per_second"] = Double(rebuilt) / rebuildSeconds
        figures["verify_seconds"] = verifySeconds
        figures["verify_events_per_second"] = Double(head) / verifySeconds
        print("zaken \(zaken), besluiten \(besluiten), zaaktypen \(zaaktypen): \(head) events in the log")
        printFigure("rebuild read models", "\(rebuilt) events in \(String(format: "%.1f", rebuildSeconds)) s: \(Int(Double(rebuilt) / rebuildSeconds)) events/s")
        printFigure("verify hash chain", "\(head) events in \(String(format: "%.1f", verifySeconds)) s: \(Int(Double(head) / verifySeconds)) events/s")
        try write(figures)
    }

    func write(_ figures: [String: Double]) throws {
        guard let summary else { return }
        try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: summary))
    }
}
