import Domain
import EventStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
@testable import Notifier
import ServiceLifecycle
import Synchronization
import Testing
import ZGWHTTP

@Suite("Notifier: delivery guarantees")
struct NotifierDeliveryTests {
    /// Appends `count` events that each carry a zaken message, `perTransaction` at a time.
    static func appendZaakEvents(_ store: EventStore, count: Int, perTransaction: Int = 100) async throws {
        var done = 0
        while done < count {
            let batch = min(perTransaction, count - done)
            _ = try await store.transaction { transaction in
                for _ in 0..<batch {
                    let zaak = UUID()
                    // The shape of a zaak stream's events (`ZaakEvent`), which the zaak projector reads too.
                    let payload: JSONValue = .object([
                        "uuid": .string(zaak.uuidString.lowercased()),
                        "notificatie": .object([
                            "kanaal": .string("zaken"), "hoofdObject": .string("\(ResourceURL.marker)/zaken/api/v1/zaken/\(zaak)"),
                            "resource": .string("zaak"), "resourceUrl": .string("\(ResourceURL.marker)/zaken/api/v1/zaken/\(zaak)"),
                            "kenmerken": .object(["bronorganisatie": .string("002220647")]),
                        ])
                    ])
                    try await transaction.append(
                        to: "zaak-\(zaak)", expectedVersion: .noStream, events: [try NewEvent(type: "zaak.created", payload: payload)],
                        metadata: EventMetadata(actie: "create"))
                }
            }
            done += batch
        }
    }

    static func counts(_ server: TestServer) async throws -> [DeliveryStatus: Int] {
        try await server.notifier.queue.counts()
    }

    /// Polls the queue until `condition` holds.
    static func waitForQueue(_ server: TestServer, timeout: Duration = .seconds(30), _ condition: ([DeliveryStatus: Int]) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(try await counts(server)) {
            guard ContinuousClock.now < deadline else {
                Issue.record("queue condition not met: \(try await counts(server))")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test("a subscriber answering 500 for a while receives the message once it recovers (backoff retries)")
    func retryThenSuccess() async throws {
        try await TestServer.runWithNotifier { server, client in
            // Call 0 is the abonnement check; calls 1…3 fail.
            try await WebhookReceiver.run(respond: { $0 >= 1 && $0 <= 3 ? .internalServerError : .noContent }) { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaken"}]"#)
                #expect(try await NRC.post(client, "notificaties", NRC.zaakMessage(1)).status == .created)
                try await Self.waitForQueue(server) { $0[.delivered] == 1 }
                #expect(receiver.received.count == 5)
                #expect(receiver.messages.count == 4)
                #expect(Set(receiver.messages.map(\.resourceUrl)) == ["https://zaken.example.nl/zaak/1"])
                // Past its retention the delivered row goes, and its message with it.
                #expect(try await server.notifier.queue.purge(deliveredBefore: .seconds(3600)) == 0)
                #expect(try await server.notifier.queue.purge(deliveredBefore: .zero) == 1)
                let messages = try await server.store.client.query("SELECT count(*) FROM nrc.messages", logger: server.store.logger)
                #expect(try await messages.collect().first?.decode(Int64.self) == 0)
            }
        }
    }

    @Test("a subscriber that refuses connections for a while receives the message once it is up again")
    func refusedConnectionsThenSuccess() async throws {
        try await TestServer.runWithNotifier { server, client in
            // A port that was free a moment ago; nothing listens on it until the subscriber comes up.
            let port = try await WebhookReceiver.run { receiver in Int(receiver.root.split(separator: ":").last ?? "") ?? 0 }
            let abonnement = Abonnement(callbackUrl: "http://127.0.0.1:\(port)/webhook", auth: "Bearer x", kanalen: [.init(naam: "zaken")])
            try await AbonnementStore(client: server.store.client, logger: server.store.logger).save(abonnement)
            #expect(try await NRC.post(client, "notificaties", NRC.zaakMessage(5)).status == .created)
            try await Self.waitForAttempts(server, atLeast: 2)
            try await WebhookReceiver.run(port: port) { receiver in
                try await receiver.waitUntil { $0.count == 1 }
                try await Self.waitForQueue(server) { $0[.delivered] == 1 }
            }
        }
    }

    /// Polls until the one delivery has had `atLeast` attempts.
    static func waitForAttempts(_ server: TestServer, atLeast minimum: Int32) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let rows = try await server.store.client.query("SELECT max(attempts) FROM nrc.deliveries", logger: server.store.logger)
            if let attempts = try await rows.collect().first?.decode(Int32?.self), attempts >= minimum { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("fewer than \(minimum) attempts")
    }

    @Test("graceful shutdown lets an in-flight delivery finish and records it")
    func gracefulShutdownFinishesInFlight() async throws {
        try await TestServer.run(notifier: .forTests()) { server, client in
            try await server.addClient("nrc", secret: "geheim")
            try await WebhookReceiver.run(latency: .milliseconds(500)) { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaken"}]"#)
                #expect(try await NRC.post(client, "notificaties", NRC.zaakMessage(9)).status == .created)
                let group = ServiceGroup(
                    configuration: .init(services: [server.notifier.worker], gracefulShutdownSignals: [], logger: server.store.logger))
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    // The POST is in flight (the receiver answers after 500 ms): shut down now.
                    while receiver.received.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                }
                #expect(try await Self.counts(server) == [.delivered: 1])
            }
        }
    }

    @Test("after the retry window a delivery is dead; requeue through the API delivers it")
    func deadLetterThenRequeue() async throws {
        let healthy = Atomic(false)
        try await TestServer.runWithNotifier(notifier: .forTests(retryWindow: .milliseconds(200))) { server, client in
            try await WebhookReceiver.run(respond: { $0 == 0 || healthy.load(ordering: .relaxed) ? .noContent : .serviceUnavailable }) { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaken"}]"#)
                #expect(try await NRC.post(client, "notificaties", NRC.zaakMessage(7)).status == .created)
                try await Self.waitForQueue(server) { $0[.dead] == 1 }
                let overview = try await client.execute(uri: "\(NRC.root)/x-deliveries", method: .get, headers: bearer(NRC.token))
                #expect(String(buffer: overview.body).contains(#""dead":1"#))
                healthy.store(true, ordering: .relaxed)
                let bad = try await NRC.post(client, "x-deliveries/requeue", #"{"ids": ["een"]}"#)
                #expect(try problem(bad).invalidParams?.map(\.name) == ["ids.0"])
                let requeue = try await NRC.post(client, "x-deliveries/requeue", #"{"allDead": true}"#)
                #expect(String(buffer: requeue.body).contains(#""requeued":[1]"#))
                try await Self.waitForQueue(server) { $0[.delivered] == 1 && $0[.dead] == nil }
                #expect(receiver.messages.last?.resourceUrl == "https://zaken.example.nl/zaak/7")
            }
        }
    }

    @Test("a delivery leased by a worker that died is delivered by another once the lease expires (at-least-once)")
    func expiredLeaseIsTakenOver() async throws {
        try await TestServer.run(notifier: .forTests()) { server, client in
            try await server.addClient("nrc", secret: "geheim")
            try await WebhookReceiver.run { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaken"}]"#)
                #expect(try await NRC.post(client, "notificaties", NRC.zaakMessage(3)).status == .created)
                // The "dead" worker: claims, never answers.
                let claimed = try await server.notifier.queue.claim(limit: 10, perSubscriber: 10, lease: .milliseconds(300))
                #expect(claimed.count == 1)
                try await withServices([server.notifier.worker]) {
                    try await receiver.waitUntil { $0.count == 1 }
                    try await Self.waitForQueue(server) { $0[.delivered] == 1 }
                }
                let attempts = try await server.store.client.query("SELECT attempts FROM nrc.deliveries", logger: server.store.logger)
                #expect(try await attempts.collect().first?.decode(Int32.self) == 2)
                // The dead worker's late report does not overwrite the row: its lease is gone.
                #expect(try await server.notifier.queue.markDelivered(claimed[0], status: 204) == false)
            }
        }
    }

    @Test("a crash between claim and report causes a duplicate, never a loss: the tail re-run on an old checkpoint queues nothing twice")
    func tailQueuesEachEventOnce() async throws {
        try await TestServer.run(notifier: .forTests()) { server, client in
            try await server.addClient("nrc", secret: "geheim")
            try await WebhookReceiver.run { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaken"}]"#)
                try await Self.appendZaakEvents(server.store, count: 20)
                let tail = server.notifier.tail
                let events = try await server.store.readAll(after: 0)
                // Two tails over the same events (an instance that lost the race, or one restarted on an old position).
                _ = try await tail.publish(events)
                _ = try await tail.publish(events)
                #expect(try await Self.counts(server)[.pending] == 20)
            }
        }
    }

    @Test("several tails and workers on one database deliver every message exactly once")
    func severalWorkersDeliverEachMessageOnce() async throws {
        let environment = ProcessInfo.processInfo.environment
        let total = Int(environment["NOTIFIER_TEST_MESSAGES"] ?? "") ?? 5000
        let instanceCount = Int(environment["NOTIFIER_TEST_INSTANCES"] ?? "") ?? 3
        try await TestServer.run(notifier: .forTests()) { server, client in
            try await server.addClient("nrc", secret: "geheim")
            try await WebhookReceiver.run { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaken", "filters": {"bronorganisatie": "*"}}]"#)
                // Half the events before the instances start (a backlog), half while they run.
                try await Self.appendZaakEvents(server.store, count: total / 2)
                let instances = (0..<instanceCount).map { _ in Notifier(store: server.store, baseURL: TestServer.baseURL, configuration: .forTests()) }
                let start = ContinuousClock.now
                try await withServices(instances.flatMap(\.services)) {
                    try await Self.appendZaakEvents(server.store, count: total - total / 2)
                    try await receiver.waitUntil(timeout: .seconds(300)) { $0.count >= total }
                    try await Self.waitForQueue(server) { $0[.delivered] == total }
                }
                let elapsed = ContinuousClock.now - start
                let urls = receiver.messages.map(\.resourceUrl)
                #expect(urls.count == total)
                #expect(Set(urls).count == total)
                print("notifier: \(instanceCount) instances delivered \(total) messages in \(elapsed) (\(Int(Double(total) / elapsed.seconds))/s)")
            }
        }
    }

    /// `NOTIFIER_BENCHMARK=1 swift test --filter pacedCommitToWebhookDelay`: zaak events appended at a steady rate
    /// (default 200/s for 10 s) with one instance delivering to one local webhook; prints commit-to-2xx delay.
    @Test("benchmark: commit-to-webhook delay at a steady event rate", .enabled(if: ProcessInfo.processInfo.environment["NOTIFIER_BENCHMARK"] != nil))
    func pacedCommitToWebhookDelay() async throws {
        let environment = ProcessInfo.processInfo.environment
        let rate = Int(environment["NOTIFIER_BENCHMARK_RATE"] ?? "") ?? 200
        let seconds = Int(environment["NOTIFIER_BENCHMARK_SECONDS"] ?? "") ?? 10
        try await TestServer.runWithNotifier { server, client in
            try await WebhookReceiver.run { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaken"}]"#)
                let start = ContinuousClock.now
                for tick in 0..<(rate * seconds / 10) {
                    // Ten events every 50 ms (one transaction each), so `rate` per second.
                    try await Self.appendZaakEvents(server.store, count: 10, perTransaction: 1)
                    let next = start + .milliseconds(Int64(tick + 1) * 10_000 / Int64(rate))
                    if next > ContinuousClock.now { try await Task.sleep(until: next) }
                }
                let total = rate * seconds / 10 * 10
                try await receiver.waitUntil(timeout: .seconds(300)) { $0.count >= total }
                try await Self.waitForQueue(server) { $0[.delivered] == total }
                let rows = try await server.store.client.query(
                    """
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.delivered_at - m.committed_at)),
                           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM d.delivered_at - m.committed_at))
                    FROM nrc.deliveries d JOIN nrc.messages m ON m.id = d.message_id
                    """, logger: server.store.logger)
                let (median, p99) = try #require(try await rows.collect().first).decode((Double, Double).self)
                print("notifier benchmark: \(total) events at \(rate)/s, commit-to-webhook delay median \(Int(median * 1000)) ms, p99 \(Int(p99 * 1000)) ms")
            }
        }
    }

    @Test("filters: only matching messages arrive; * matches every value")
    func filtersSelectMessages() async throws {
        try await TestServer.runWithNotifier { server, client in
            try await WebhookReceiver.run { specific in
                try await WebhookReceiver.run { wildcard in
                    try await NRC.subscribe(client, specific, kanalen: #"[{"naam": "zaken", "filters": {"bronorganisatie": "111222333"}}]"#)
                    try await NRC.subscribe(client, wildcard, kanalen: #"[{"naam": "zaken", "filters": {"bronorganisatie": "*"}}, {"naam": "documenten"}]"#)
                    for (number, organisatie) in [(1, "111222333"), (2, "999888777"), (3, "111222333")] {
                        #expect(try await NRC.post(client, "notificaties", NRC.zaakMessage(number, bronorganisatie: organisatie)).status == .created)
                    }
                    try await wildcard.waitUntil { $0.count == 3 }
                    try await specific.waitUntil { $0.count == 2 }
                    try await Self.waitForQueue(server) { $0[.delivered] == 5 }
                    #expect(Set(specific.messages.map(\.resourceUrl)) == ["https://zaken.example.nl/zaak/1", "https://zaken.example.nl/zaak/3"])
                    // A message still pending for one subscriber survives the purge of its delivered row for another.
                    try await server.store.client.query(
                        """
                        UPDATE nrc.deliveries SET status = 'pending', next_attempt_at = now() + interval '1 hour'
                        WHERE id = (SELECT min(d.id) FROM nrc.deliveries d JOIN nrc.abonnementen a ON a.uuid = d.abonnement WHERE a.callback_url = \(specific.url))
                        """,
                        logger: server.store.logger)
                    #expect(try await server.notifier.queue.purge(deliveredBefore: .zero) == 4)
                    #expect(try await Self.counts(server) == [.pending: 1])
                    let messages = try await server.store.client.query("SELECT count(*) FROM nrc.messages", logger: server.store.logger)
                    #expect(try await messages.collect().first?.decode(Int64.self) == 1)
                }
            }
        }
    }

    @Test("external mode: our kanalen are registered there, and every message is forwarded with a ZGW JWT")
    func externalNotificatiesAPI() async throws {
        try await WebhookReceiver.run { external in
            var configuration = NotifierConfiguration.forTests()
            configuration.builtIn = false
            configuration.external = ExternalNotificatiesAPI(url: external.root + "/api/v1/", clientID: "zaakstroom", secret: "s")
            try await TestServer.run(notifier: configuration) { server, client in
                try await server.addClient("beheer", secret: "geheim")
                try await withServices(server.notifier.services) {
                    try await external.waitUntil { !$0.isEmpty }
                    try await external.waitUntilCalls { $0.filter { $0.path.hasSuffix("/kanaal") }.count >= Kanaal.standard.count }
                }
                let registered = external.received.filter { $0.path.hasSuffix("/kanaal") }.map(\.body)
                #expect(registered.contains { $0.contains(#""naam":"zaken""#) && $0.contains("zaaktype.catalogus") })
                let call = try #require(external.received.first { $0.path.hasSuffix("/notificaties") })
                #expect(call.authorization?.hasPrefix("Bearer ey") == true)
                #expect(external.messages.first?.kanaal == "autorisaties")
                #expect(try await client.execute(uri: "\(NRC.root)/kanaal", method: .get, headers: bearer(ZGWToken.make(clientID: "beheer", secret: "geheim"))).status == .notFound)
            }
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
