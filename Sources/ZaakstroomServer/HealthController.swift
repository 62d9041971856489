import EventStore
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ZGWHTTP

/// `/_healthz/livez`: the process serves requests. `/_healthz/readyz`: the database answers and every
/// migration this build knows is applied; 503 with the reason otherwise.
struct HealthController: Sendable {
    let client: PostgresClient
    let migrations: MigrationRunner
    let logger: Logger

    func addRoutes(to router: Router<ZGWRequestContext>) {
        router.get("/_healthz/livez") { _, _ in Self.json(["status": "ok"], status: .ok) }
        router.head("/_healthz/livez") { _, _ in Self.json(["status": "ok"], status: .ok) }
        router.get("/_healthz/readyz") { _, _ in await self.readiness() }
        router.head("/_healthz/readyz") { _, _ in await self.readiness() }
    }

    func readiness() async -> Response {
        do {
            let pending = try await withTimeout(.seconds(3)) {
                _ = try await client.query("SELECT 1", logger: logger).collect()
                return try await migrations.pending(client: client, logger: logger)
            }
            guard pending.isEmpty else {
                return Self.json(["status": "unavailable", "reason": "migrations pending: \(pending.joined(separator: ", "))"], status: .serviceUnavailable)
            }
            return Self.json(["status": "ok"], status: .ok)
        } catch {
            return Self.json(["status": "unavailable", "reason": "database unreachable"], status: .serviceUnavailable)
        }
    }

    static func json(_ body: [String: String], status: HTTPResponse.Status) -> Response {
        let data = (try? JSONCoding.encoder.encode(body)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

struct TimeoutError: Error {}

/// Runs `body`, giving up after `duration`, so a hung database makes readiness fail instead of hang.
func withTimeout<Result: Sendable>(_ duration: Duration, _ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
    try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: duration)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
