import ArgumentParser
import Foundation
import ZGWHTTP

/// Issue 11's load scenarios against a running server with the generated dataset (see Benchmarks/README.md):
/// prints each figure, and writes them as JSON (for the chart) and as a Markdown report with the targets.
@main
struct LoadBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "LoadBenchmark", abstract: "Load scenarios against a running Zaakstroom.")

    @Option(help: "The server's base URL.") var baseURL = "http://127.0.0.1:18700"
    @Option(help: "Seconds measured per scenario step (after a 1 s warm-up).") var seconds = 10.0
    @Option(help: "Scenarios to run (1 list, 2 detail, 3 create, 4 vs hello).") var scenarios = "1,2,3,4"
    @Option(help: "The DatasetGenerator's --summary JSON, quoted in the report.") var dataset: String?
    @Option(help: "Write the results as JSON here.") var json: String?
    @Option(help: "Write the Markdown report here.") var report: String?

    func run() async throws {
        let client = LoadClient()
        do {
            let target = try await Target.discover(
                base: baseURL, superuser: ZGWToken.make(clientID: "bench", secret: "bench"),
                limited: ZGWToken.make(clientID: "limited", secret: "limited"), client: client, seconds: seconds)
            let chosen = Set(scenarios.split(separator: ",").map(String.init))
            var results: [LoadResult] = []
            if chosen.contains("1") { results += try await ListScenario(target: target).run() }
            if chosen.contains("2") { results += try await DetailScenario(target: target).run() }
            if chosen.contains("4") { results += try await HelloScenario(target: target).run() }
            // Last: it adds zaken, which the read scenarios should not see.
            if chosen.contains("3") { results += try await CreateScenario(target: target).run() }
            if let json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(results).write(to: URL(fileURLWithPath: json))
            }
            if let report {
                let figures = try dataset.map { try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: $0))) as? [String: Double] ?? [:] }
                try Report(results: results, dataset: figures ?? [:], seconds: seconds).markdown.write(toFile: report, atomically: true, encoding: .utf8)
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
