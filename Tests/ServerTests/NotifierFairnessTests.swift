import Glibc
import Foundation
import Domain
import Notifier
import Testing

@Suite("Notifier: fairness between subscribers")
struct NotifierFairnessTests {
    /// How a subscriber fails to take its deliveries.
    enum DeadSubscriber: String, Sendable, CaseIterable, CustomTestStringConvertible {
        /// Nothing listens on its port.
        case refused
        /// It accepts the request and never answers within the delivery timeout.
        case hanging

        var testDescription: String { rawValue }

        /// Runs `body` with the callback URL of such a subscriber.
        func run(_ body: @Sendable (String) async throws -> Void) async throws {
            switch self {
            case .refused:
                // A port that was free a moment ago; nothing listens on it any more.
                let url = try await WebhookReceiver.run { $0.url }
                try await body(url)
            case .hanging:
                try await WebhookReceiver.run(latency: .seconds(60)) { try await body($0.url) }
            }
        }
    }

    /// More messages than a claim's old scan window (256 rows) and the worker's slots, so a backlog forms.
    static let burst = 600
    /// Measured after the burst is committed: a fair queue is done within about 2 s on a loaded machine; the
    /// starved live subscriber got stuck at 287 of 600, waiting for the dead one's backlog, which moved
    /// `perSubscriber` rows per delivery timeout (minutes).
    static let bound: Duration = .seconds(15)

    @Test("a dead subscriber does not starve a live one on the same kanaal", arguments: DeadSubscriber.allCases)
    func deadSubscriberDoesNotStarveLiveOne(_ dead: DeadSubscriber) async throws {
        try await TestServer.runWithNotifier { server, client in
            try await dead.run { deadURL in
                try await WebhookReceiver.run { live in
                    // Saved directly: the API would check the dead callback first and refuse it.
                    let abonnement = Abonnement(callbackUrl: deadURL, auth: "Bearer x", kanalen: [.init(naam: "zaken")])
                    try await AbonnementStore(client: server.store.client, logger: server.store.logger).save(abonnement)
                    try await NRC.subscribe(client, live, kanalen: #"[{"naam": "zaken"}]"#)
                    try await NotifierDeliveryTests.appendZaakEvents(server.store, count: Self.burst)
                    let committed = ContinuousClock.now
                    try await live.waitUntil(timeout: Self.bound) { $0.count >= Self.burst }
                    print("fairness (\(dead)): \(live.messages.count)/\(Self.burst) at the live subscriber \(ContinuousClock.now - committed) after the burst")
                    #expect(Set(live.messages.map(\.resourceUrl)).count == Self.burst)
                }
            }
        }
    }

    @Test("a subscriber that refuses connections fails at once, so it holds no worker slot for the whole timeout")
    func refusedConnectionFailsAtOnce() async throws {
        // A port bound but not listening refuses connections, and nothing else (another test's server running in
        // parallel) can take it while the socket holds it: a receiver's closed port could be reused at once.
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        #expect(bound)
        let url = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/webhook"
        // A long timeout and a bound at half of it: a sender that waits for the timeout fails the test, while a
        // loaded CI machine (2.08 s once, against a 2 s bound) does not.
        let start = ContinuousClock.now
        let outcome = await CallbackSender(timeout: .seconds(60), policy: OutboundPolicy(namedHosts: TestServer.localHosts)).post("{}", to: url, authorization: nil)
        #expect(ContinuousClock.now - start < .seconds(30))
        guard case .failed(nil, _) = outcome else { Issue.record("no transport failure: \(outcome)"); return }
    }
}
