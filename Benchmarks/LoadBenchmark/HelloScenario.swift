import BenchmarkSupport
import Hummingbird

/// Scenario 4: `GET zaak` at 8 and 64 connections next to a minimal Hummingbird route ("hello", no auth, no
/// database) served from this process, so the zaak's requests/s read as a fraction of this machine's HTTP
/// limit under the same client.
struct HelloScenario {
    let target: Target

    func run() async throws -> [LoadResult] {
        let target = target
        let router = Router()
        router.get("/hello") { _, _ in "hello" }
        return try await LocalHTTPServer.run(router) { port in
            var results: [LoadResult] = []
            for concurrency in [8, 64] {
                let hello = await target.loop(concurrency).run(scenario: "4 vs hello", name: "GET /hello (Hummingbird)") { _, _ in
                    try await target.client.send(.GET, "http://127.0.0.1:\(port)/hello", token: nil).isSuccess
                }
                var zaak = await target.loop(concurrency).run(scenario: "4 vs hello", name: "GET zaak") { caller, iteration in
                    try await target.client.send(.GET, target.zaken[(caller * 31 + iteration) % target.zaken.count], token: target.superuser).isSuccess
                }
                zaak.notes = ["ratio_to_hello": zaak.requestsPerSecond / max(hello.requestsPerSecond, 1)]
                printFigure("  GET zaak / hello", String(format: "%.0f%%", 100 * zaak.requestsPerSecond / max(hello.requestsPerSecond, 1)))
                results += [hello, zaak]
            }
            return results
        }
    }
}
