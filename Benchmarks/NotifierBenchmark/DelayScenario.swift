import BenchmarkSupport
import Foundation

/// Commit-to-webhook delay: zaken created through the API at a fixed rate, each zaak's `create` message timed
/// from its 201 (the commit happened before it) to its arrival at the webhook. Open loop: each creation has its
/// own scheduled start and its own task, so a slow response does not lower the rate.
struct DelayScenario {
    let api: BenchmarkClient
    let receiver: WebhookReceiver
    let rate: Int
    let seconds: Int

    struct Created: Sendable {
        let url: String
        let sent: ContinuousClock.Instant
        let answered: ContinuousClock.Instant
    }

    func run() async throws {
        let types = try await PublishedZaaktype.seed(api)
        let before = receiver.count
        let total = rate * seconds
        let api = api
        let start = ContinuousClock.now + .milliseconds(100)
        let created = try await withThrowingTaskGroup(of: Created.self) { group in
            for index in 0..<total {
                try await Task.sleep(until: start + .nanoseconds(Int64(index) * 1_000_000_000 / Int64(rate)))
                group.addTask {
                    let sent = ContinuousClock.now
                    let url = try await api.post("/zaken/api/v1/zaken", types.zaakJSON(index))
                    return Created(url: url, sent: sent, answered: .now)
                }
            }
            return try await group.reduce(into: [Created]()) { $0.append($1) }
        }
        let lastAnswer = created.map(\.answered).max() ?? start
        let delivered = try await receiver.waitFor(before + total, timeout: .seconds(60))
        let arrivals = receiver.snapshot.arrivals
        let delays = created.compactMap { zaak in arrivals[zaak.url].map { ($0 - zaak.answered).milliseconds } }
        let latency = Percentiles(created.map { ($0.answered - $0.sent).milliseconds })
        let delay = Percentiles(delays)
        printFigure("zaak creations", String(format: "%d requested at %d/s, achieved %.1f/s", total, rate, Double(total) / (lastAnswer - start).milliseconds * 1000))
        printFigure("POST zaak (201) latency", String(format: "median %7.3f ms   p99 %7.3f ms", latency.median, latency.at(0.99)))
        printFigure(
            "commit-to-webhook delay",
            String(format: "median %7.3f ms   p95 %7.3f ms   p99 %7.3f ms   max %7.3f ms", delay.median, delay.at(0.95), delay.at(0.99), delay.sorted.last ?? 0)
                + "   (n=\(delays.count), missing \(total - delays.count)\(delivered ? "" : " after a 60 s drain"))")
    }
}
