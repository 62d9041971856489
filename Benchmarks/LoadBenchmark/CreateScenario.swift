import BenchmarkSupport
import Foundation
import Logging
import Synchronization

/// Scenario 3: `POST /zaken` bursts at 10, 20 and 40 concurrent clients while the server's notifier delivers
/// every `zaken` message to a webhook receiver in this process (subscribed through the built-in Notificaties
/// API). Delay per zaak = the message's arrival minus its 201's arrival, as `NotifierBenchmark` measures it
/// (the commit came before the 201, so it slightly understates commit-to-delivery).
struct CreateScenario {
    let target: Target

    func run() async throws -> [LoadResult] {
        let target = target
        guard let zaaktype = try await target.client.require(.GET, target.zaken[0], token: target.superuser).json()["zaaktype"] as? String else {
            throw LoadError("zaak without zaaktype")
        }
        try await removeReceiverAbonnementen()
        let results = try await WebhookReceiver.run(logger: Logger(label: "webhook")) { receiver in
            _ = try await target.client.require(.POST, abonnementen, token: target.superuser, body: #"""
                {"callbackUrl": "\#(receiver.url)", "auth": "Bearer abonnee", "kanalen": [{"naam": "zaken", "filters": {}}]}
                """#)
            var results: [LoadResult] = []
            for concurrency in [10, 20, 40] {
                results.append(try await burst(concurrency, zaaktype: zaaktype, receiver: receiver))
            }
            return results
        }
        try await removeReceiverAbonnementen()
        return results
    }

    var abonnementen: String { "\(target.base)/notificaties/api/v1/abonnement" }

    /// Deletes the abonnementen of this benchmark's receivers, this run's and earlier ones' (a reused dataset
    /// keeps them): once their port is closed they are dead subscribers whose retries compete with the next
    /// run's deliveries.
    func removeReceiverAbonnementen() async throws {
        for abonnement in try await target.client.require(.GET, abonnementen, token: target.superuser).jsonArray() {
            guard let url = abonnement["url"] as? String, let callback = abonnement["callbackUrl"] as? String,
                callback.hasPrefix("http://127.0.0.1:"), callback.hasSuffix("/webhook")
            else { continue }
            _ = try await target.client.require(.DELETE, url, token: target.superuser)
        }
    }

    func burst(_ concurrency: Int, zaaktype: String, receiver: WebhookReceiver) async throws -> LoadResult {
        let target = target
        let created = Responses()
        let body = #"""
            {"zaaktype": "\#(zaaktype)", "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-03-01",
             "omschrijving": "Burst", "zaakgeometrie": {"type": "Point", "coordinates": [5.1, 52.1]}}
            """#
        let before = receiver.count
        var result = await target.loop(concurrency).run(scenario: "3 create", name: "POST /zaken + notification") { _, _ in
            let response = try await target.client.send(.POST, "\(target.base)/zaken/api/v1/zaken", token: target.superuser, body: body)
            let instant = ContinuousClock.now
            guard response.status == 201, let url = try response.json()["url"] as? String else { return false }
            created.record(url, at: instant)
            return true
        }
        // Every creation notifies, the warm-up's too: wait for all of them, then take the delays of the measured ones.
        let all = created.all
        let delivered = try await receiver.waitFor(before + all.count, timeout: .seconds(120))
        let arrivals = receiver.snapshot.arrivals
        let delays = all.compactMap { url, instant in arrivals[url].map { ($0 - instant).milliseconds } }
        let figures = Percentiles(delays)
        result.notes = [
            "delay_median_ms": figures.median, "delay_p95_ms": figures.at(0.95), "delay_p99_ms": figures.at(0.99),
            "undelivered": Double(all.count - delays.count), "all_delivered": delivered ? 1 : 0,
        ]
        printFigure("  commit-to-delivery", String(format: "median %.1f ms  p95 %.1f ms  p99 %.1f ms  undelivered %d", figures.median, figures.at(0.95), figures.at(0.99), all.count - delays.count))
        return result
    }
}

/// When each created zaak's 201 arrived, by its URL; shared by the burst's callers.
final class Responses: Sendable {
    private let arrivals = Mutex([String: ContinuousClock.Instant]())

    func record(_ url: String, at instant: ContinuousClock.Instant) { arrivals.withLock { $0[url] = instant } }

    var all: [String: ContinuousClock.Instant] { arrivals.withLock { $0 } }
}
