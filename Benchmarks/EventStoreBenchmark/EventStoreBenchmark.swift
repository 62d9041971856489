import ArgumentParser
import EmbeddedPostgres
import EventStore
import Foundation
import LogArchive
import Logging
import PostgresNIO

/// Measures the event store on a real PostgreSQL: append throughput at several numbers of concurrent writers
/// (one event per transaction, fsync on unless `--no-fsync`), whole-log read throughput, `verify` throughput
/// (ranges at once on one connection per core, and on one connection), `export --all` and `import`. Each
/// scenario runs `--runs` times on a fresh database; the median is reported.
@main
struct EventStoreBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "EventStoreBenchmark", abstract: "Event store throughput.")

    @Option(help: "Single-event append transactions per scenario.") var appends = 4000
    @Option(help: "Concurrent writers to measure, comma-separated.") var writers = "1,8,32"
    @Option(help: "Events in the log for the read and verify scenarios.") var logSize = 200_000
    @Option(help: "Runs per scenario; the median is reported.") var runs = 3
    @Flag(name: .customLong("no-fsync"), help: "Run PostgreSQL with fsync=off (measures CPU cost, not durability).") var noFsync = false

    func run() async throws {
        var logger = Logger(label: "benchmark")
        logger.logLevel = .error
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-bench-\(UUID().uuidString.prefix(8))").path
        let settings = noFsync ? ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"] : [:]
        let cluster = try EmbeddedPostgres(
            configuration: .init(dataDirectory: folder, database: "bench", settings: settings.merging(["max_connections": "200"]) { $1 }), logger: logger)
        let connection = try cluster.start()
        try cluster.stopWhenProcessExits(removeData: true)
        defer { try? cluster.stop() }
        print("PostgreSQL \(try cluster.psql("SHOW server_version")), fsync \(try cluster.psql("SHOW fsync")), \(ProcessInfo.processInfo.activeProcessorCount) cores")

        var database = 0
        func freshStore<R: Sendable>(_ body: @Sendable (EventStore) async throws -> R) async throws -> R {
            database += 1
            let name = "bench_\(database)"
            _ = try cluster.psql("CREATE DATABASE \(name)")
            var configuration = PostgresClient.Configuration(
                unixSocketPath: connection.socketPath, username: connection.username, password: nil, database: name)
            configuration.options.maximumConnections = 40
            let client = PostgresClient(configuration: configuration)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                try await MigrationRunner(migrations: EventStoreSchema.migrations).migrate(client: client, logger: logger)
                return try await body(EventStore(client: client, logger: logger))
            }
        }

        func report(_ name: String, _ unit: String, _ samples: [Double]) {
            let sorted = samples.sorted()
            let median = sorted[sorted.count / 2]
            let spread = sorted.map { String(format: "%.0f", $0) }.joined(separator: " / ")
            let figure = String(format: "%.0f", median)
            print("\(name.padding(toLength: 46, withPad: " ", startingAt: 0)) \(String(repeating: " ", count: max(0, 9 - figure.count)))\(figure) \(unit)   (runs: \(spread))")
        }

        for writerCount in writers.split(separator: ",").compactMap({ Int($0) }) {
            var samples: [Double] = []
            let appends = appends
            for _ in 0..<runs {
                samples.append(try await freshStore { store in try await Self.appendThroughput(store, writers: writerCount, total: appends) })
            }
            report("append, 1 event/txn, \(writerCount) writer(s)", "appends/s", samples)
        }

        var readSamples: [Double] = [], verifySamples: [Double] = [], oneSegmentSamples: [Double] = [], fillSamples: [Double] = []
        var exportSamples: [Double] = [], importSamples: [Double] = []
        for _ in 0..<runs {
            let logSize = logSize
            let file = folder + "-export.lz4"
            let (fill, read, verify, oneSegment, export) = try await freshStore { store in
                let rate = try await Self.fill(store, events: logSize)
                return (rate, try await Self.readThroughput(store), try await Self.verifyThroughput(store, segments: nil),
                        try await Self.verifyThroughput(store, segments: 1), try await Self.exportThroughput(store, to: file))
            }
            importSamples.append(try await freshStore { store in try await Self.importThroughput(store, from: file) })
            try? FileManager.default.removeItem(atPath: file)
            fillSamples.append(fill)
            readSamples.append(read)
            verifySamples.append(verify)
            oneSegmentSamples.append(oneSegment)
            exportSamples.append(export)
        }
        report("append, 100 events/txn, 8 writers (fill)", "events/s", fillSamples)
        report("read whole log (\(logSize) events)", "events/s", readSamples)
        report("verify hash chain (\(logSize) events)", "events/s", verifySamples)
        report("verify, one connection", "events/s", oneSegmentSamples)
        report("export --all (LZ4 JSON lines)", "events/s", exportSamples)
        report("import into an empty store (chain checked)", "events/s", importSamples)
    }

    static func payload(_ index: Int) -> String {
        #"{"omschrijving": "Aanvraag omgevingsvergunning \#(index)", "bronorganisatie": "002220647", "startdatum": "2026-11-29", "vertrouwelijkheidaanduiding": "openbaar"}"#
    }

    /// `total` single-event append transactions spread over `writers` tasks, on 1000 streams.
    static func appendThroughput(_ store: EventStore, writers: Int, total: Int) async throws -> Double {
        let perWriter = total / writers
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<perWriter {
                        try await store.append(
                            to: "zaak-\((writer * perWriter + index) % 1000)", expectedVersion: .any,
                            events: [NewEvent(type: "zaak.updated", data: payload(index))],
                            metadata: EventMetadata(clientID: "bench", method: "PATCH"))
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(perWriter * writers) / seconds(ContinuousClock.now - start)
    }

    /// Fills the log with `events` events, 100 per transaction, 8 writers.
    static func fill(_ store: EventStore, events: Int) async throws -> Double {
        let writers = 8, batch = 100
        let batchesPerWriter = events / batch / writers
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for batchIndex in 0..<batchesPerWriter {
                        let events = (0..<batch).map { NewEvent(type: "zaak.updated", data: payload(batchIndex * batch + $0)) }
                        try await store.append(to: "zaak-\(writer)-\(batchIndex)", expectedVersion: .noStream, events: events)
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(batchesPerWriter * writers * batch) / seconds(ContinuousClock.now - start)
    }

    static func readThroughput(_ store: EventStore) async throws -> Double {
        let start = ContinuousClock.now
        var position: Int64 = 0, count = 0
        while true {
            let batch = try await store.readAll(after: position, limit: 5000)
            guard let last = batch.last else { break }
            position = last.position
            count += batch.count
        }
        return Double(count) / seconds(ContinuousClock.now - start)
    }

    static func verifyThroughput(_ store: EventStore, segments: Int?) async throws -> Double {
        let start = ContinuousClock.now
        guard case .intact(let events, _) = try await store.verify(segments: segments) else { throw ValidationError("chain broken") }
        return Double(events) / seconds(ContinuousClock.now - start)
    }

    static func exportThroughput(_ store: EventStore, to path: String) async throws -> Double {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let start = ContinuousClock.now
        let events = try await LogExporter(store: store).export(.all, to: handle)
        return Double(events) / seconds(ContinuousClock.now - start)
    }

    static func importThroughput(_ store: EventStore, from path: String) async throws -> Double {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let start = ContinuousClock.now
        let summary = try await LogImporter(store: store, projectors: []).load(from: handle)
        return Double(summary.events) / seconds(ContinuousClock.now - start)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
