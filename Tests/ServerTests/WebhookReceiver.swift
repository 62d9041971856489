import Foundation
import Hummingbird
import NIOCore
import Domain
import Notifier
import ServiceLifecycle
import Synchronization
import Testing

/// A subscriber's webhook on 127.0.0.1 (random port) that records what it receives and answers with the
/// status `respond` gives for the n-th call (0-based).
final class WebhookReceiver: Sendable {
    struct Call: Sendable {
        let path: String
        let authorization: String?
        let body: String
        /// The body decoded as a notification message (on receipt, so polling stays cheap).
        let message: NotificationMessage?
    }

    /// `http://127.0.0.1:<port>`; the webhook is `<root>/webhook`, and `<root>/api/v1/notificaties` answers too
    /// (to stand in for an external Notificaties API).
    let root: String
    private let log: CallLog

    final class CallLog: Sendable {
        let calls = Mutex<[Call]>([])
    }

    private init(root: String, log: CallLog) {
        self.root = root
        self.log = log
    }

    var url: String { root + "/webhook" }

    var received: [Call] { log.calls.withLock { $0 } }

    /// Received notification messages, the abonnement check's test messages left out.
    var messages: [NotificationMessage] {
        received.compactMap(\.message).filter { $0.kanaal != "test" }
    }

    /// Polls until `condition` holds on the received messages, or fails after `timeout`.
    func waitUntil(timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation, _ condition: ([NotificationMessage]) -> Bool) async throws {
        try await waitUntilCalls(timeout: timeout, sourceLocation: sourceLocation) { _ in condition(messages) }
    }

    /// Polls until `condition` holds on every call received, or fails after `timeout`.
    func waitUntilCalls(timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation, _ condition: ([Call]) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(received) {
            guard ContinuousClock.now < deadline else {
                Issue.record("webhook condition not met within \(timeout); \(received.count) calls received", sourceLocation: sourceLocation)
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Answers after `latency`; on `port` (0: a free one).
    static func run<Result: Sendable>(
        port: Int = 0, latency: Duration = .zero, respond: @escaping @Sendable (Int) -> HTTPResponse.Status = { _ in .noContent },
        _ body: @Sendable (WebhookReceiver) async throws -> Result
    ) async throws -> Result {
        let log = CallLog()
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let message = try? JSONDecoder.notifications.decode(NotificationMessage.self, from: Data(buffer: buffer))
            let index = log.calls.withLock { calls in
                calls.append(Call(path: request.uri.path, authorization: request.headers[.authorization], body: String(buffer: buffer), message: message))
                return calls.count - 1
            }
            if latency > .zero { try await Task.sleep(for: latency) }
            return Response(status: respond(index))
        }
        router.post("/webhook", use: handler)
        router.post("/api/v1/notificaties", use: handler)
        // An external Notificaties API without kanalen: lookups find none, creations are recorded.
        router.get("/api/v1/kanaal") { _, _ in Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "[]"))) }
        router.post("/api/v1/kanaal", use: handler)
        return try await withLocalServer(router, port: port) { port in try await body(WebhookReceiver(root: "http://127.0.0.1:\(port)", log: log)) }
    }
}

extension JSONDecoder {
    static let notifications: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

extension NotifierConfiguration {
    /// Fast polling and short backoff, so delivery tests take milliseconds, not minutes.
    static func forTests(retryWindow: Duration = .seconds(60)) -> NotifierConfiguration {
        NotifierConfiguration(
            retry: RetryPolicy(initialDelay: .milliseconds(20), maxDelay: .milliseconds(100), window: retryWindow), concurrency: 16,
            perSubscriber: 8, lease: .seconds(30), timeout: .seconds(5), pollInterval: .milliseconds(50),
            outbound: OutboundPolicy(namedHosts: TestServer.localHosts))
    }
}

/// Runs notifier services (tails, workers) for the duration of `body`, then cancels them.
func withServices<Result: Sendable>(_ services: [any Service], _ body: @Sendable () async throws -> Result) async throws -> Result {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for service in services { group.addTask { try await service.run() } }
        defer { group.cancelAll() }
        return try await body()
    }
}
