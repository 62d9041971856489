import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The subscriber: a Hummingbird app on 127.0.0.1 (a free port) that answers every POST with 204 and records
/// when each message first arrived, by its `resourceUrl`. The abonnement check's test message is answered but
/// not recorded.
public final class WebhookReceiver: Sendable {
    /// The fields the benchmark reads; decoding only these keeps the receiver cheap.
    struct Message: Decodable {
        let kanaal: String
        let resourceUrl: String
    }

    public struct Log: Sendable {
        public var arrivals: [String: ContinuousClock.Instant] = [:]
        public var duplicates = 0
    }

    private let log = Mutex(Log())
    /// Set once the app listens.
    private let port = Atomic(0)

    private init() {}

    public var url: String { "http://127.0.0.1:\(port.load(ordering: .acquiring))/webhook" }

    /// First arrival per `resourceUrl`, and how many messages came again.
    public var snapshot: Log { log.withLock { $0 } }

    public var count: Int { log.withLock { $0.arrivals.count } }

    func record(_ message: Message, at instant: ContinuousClock.Instant) {
        log.withLock { log in
            if log.arrivals[message.resourceUrl] == nil { log.arrivals[message.resourceUrl] = instant } else { log.duplicates += 1 }
        }
    }

    /// Polls until `count` messages arrived or `timeout` passed; returns whether they all did.
    public func waitFor(_ count: Int, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while self.count < count {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    public static func run<Result: Sendable>(logger: Logger, _ body: (WebhookReceiver) async throws -> Result) async throws -> Result {
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let receiver = WebhookReceiver()
        let router = Router()
        router.post("/webhook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let instant = ContinuousClock.now
            if let message = try? JSONDecoder().decode(Message.self, from: Data(buffer: buffer)), message.kanaal != "test" {
                receiver.record(message, at: instant)
            }
            return Response(status: .noContent)
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            receiver.port.store(await iterator.next() ?? 0, ordering: .releasing)
            return try await body(receiver)
        }
    }
}
