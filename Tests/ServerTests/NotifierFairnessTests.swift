import Foundation
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
        let url = try await WebhookReceiver.run { $0.url }
        let start = ContinuousClock.now
        let outcome = await CallbackSender(timeout: .seconds(5)).post("{}", to: url, authorization: nil)
        #expect(ContinuousClock.now - start < .seconds(2))
        // Refused, or reset when a pooled connection to a test receiver that used this port before goes first.
        guard case .failed(nil, _) = outcome else { Issue.record("no transport failure: \(outcome)"); return }
    }
}
