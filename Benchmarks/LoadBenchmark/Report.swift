import Foundation

/// The Markdown report: the dataset's figures, one table per scenario, and issue 11's targets met or not.
struct Report {
    let results: [LoadResult]
    let dataset: [String: Double]
    let seconds: Double

    var markdown: String {
        var text = "# Zaakstroom at municipal scale\n\n"
        text += "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(Self.date); \(Int(seconds)) s per step after a 1 s warm-up; latencies in ms.\n\n"
        if !dataset.isEmpty {
            text += "## Dataset\n\n| zaken | besluiten | events | ingest events/s | rebuild events/s | verify events/s |\n|---|---|---|---|---|---|\n"
            text += "| \(int("zaken")) | \(int("besluiten")) | \(int("events")) | \(int("ingest_events_per_second")) | \(int("rebuild_events_per_second")) | \(int("verify_events_per_second")) |\n\n"
        }
        for scenario in Array(Set(results.map(\.scenario))).sorted() {
            text += "## Scenario \(scenario)\n\n| step | clients | req/s | median | p95 | p99 | errors | notes |\n|---|---|---|---|---|---|---|---|\n"
            for result in results where result.scenario == scenario {
                let notes = result.notes.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.2f", $0.value))" }.joined(separator: ", ")
                text += String(format: "| %@ | %d | %.0f | %.2f | %.2f | %.2f | %d | %@ |\n", result.name, result.concurrency, result.requestsPerSecond,
                               result.median, result.p95, result.p99, result.errors, notes)
            }
            text += "\n"
        }
        text += "## Targets (issue 11)\n\n| target | measured | met |\n|---|---|---|\n"
        for (target, measured, met) in targets { text += "| \(target) | \(measured) | \(met.map { $0 ? "yes" : "no" } ?? "not run") |\n" }
        return text + "\n![latency percentiles](latency.png)\n"
    }

    var targets: [(String, String, Bool?)] {
        func find(_ scenario: String, _ name: String, _ concurrency: Int) -> LoadResult? {
            results.first { $0.scenario == scenario && $0.name.hasPrefix(name) && $0.concurrency == concurrency }
        }
        var rows: [(String, String, Bool?)] = []
        let list = find("1 list", "GET /zaken default page, limited", 16)
        rows.append(("1: GET /zaken median ≤ 10 ms, 16 clients, limited token", list.map { String(format: "%.2f ms", $0.median) } ?? "–", list.map { $0.median <= 10 }))
        let serial = find("2 detail", "zaak detail, 14 calls", 1), one = find("2 detail", "zaak detail, 1 call", 1)
        rows.append(("2: 14 calls ≤ 5 ms (median)", serial.map { String(format: "%.2f ms", $0.median) } ?? "–", serial.map { $0.median <= 5 }))
        rows.append(("2: one call ≤ 1 ms (median)", one.map { String(format: "%.2f ms", $0.median) } ?? "–", one.map { $0.median <= 1 }))
        let creates = results.filter { $0.scenario == "3 create" }
        let best = creates.max { $0.requestsPerSecond < $1.requestsPerSecond }
        rows.append(("3: ≥ 1,500 creations/s, 0 errors", creates.map { String(format: "%.0f/s ×%d (%d errors)", $0.requestsPerSecond, $0.concurrency, $0.errors) }.joined(separator: ", "),
                     best.map { $0.requestsPerSecond >= 1500 && creates.allSatisfy { $0.errors == 0 } }))
        for concurrency in [8, 64] {
            let zaak = find("4 vs hello", "GET zaak", concurrency)
            let ratio = zaak?.notes["ratio_to_hello"]
            rows.append(("4: GET zaak ≥ 40% of hello, \(concurrency) connections", ratio.map { String(format: "%.0f%%", $0 * 100) } ?? "–", ratio.map { $0 >= 0.4 }))
        }
        return rows
    }

    func int(_ key: String) -> String { dataset[key].map { String(Int($0)) } ?? "–" }

    static var date: String { ISO8601DateFormatter().string(from: Date()) }
}
