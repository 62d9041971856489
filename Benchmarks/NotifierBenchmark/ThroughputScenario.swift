import BenchmarkSupport
import Domain
import EventStore
import Foundation
import Notifier

/// Delivery throughput to one healthy subscriber: `messages` zaak events, each carrying its `notificatie`,
/// appended straight to the event store in large transactions (so appending is not the bottleneck), timed
/// until the webhook has every message.
struct ThroughputScenario {
    let store: EventStore
    let receiver: WebhookReceiver
    let configuration: NotifierConfiguration
    let messages: Int
    /// Events per append transaction.
    let perTransaction = 1000

    func run() async throws {
        let before = receiver.count
        let start = ContinuousClock.now
        var appended = 0
        while appended < messages {
            let batch = min(perTransaction, messages - appended)
            _ = try await store.transaction { transaction in
                for _ in 0..<batch { try await Self.appendZaakEvent(transaction) }
            }
            appended += batch
        }
        let appendedAt = ContinuousClock.now
        let delivered = try await receiver.waitFor(before + messages, timeout: .seconds(300))
        let elapsed = ContinuousClock.now - start
        let received = receiver.count - before
        printFigure("events appended", String(format: "%d in %.3f s (%d per transaction)", messages, (appendedAt - start).milliseconds / 1000, perTransaction))
        printFigure(
            "delivery throughput",
            String(format: "%.0f messages/s   (%d in %.3f s from the first append, ", Double(received) / elapsed.milliseconds * 1000, received, elapsed.milliseconds / 1000)
                + "\(receiver.snapshot.duplicates) duplicates\(delivered ? "" : ", TIMED OUT after 300 s"))")
        printFigure("delivery limits", "\(configuration.perSubscriber) in flight per subscriber, \(configuration.concurrency) per worker, 1 worker")
    }

    /// One event in a zaak stream's shape (`ZaakEvent`: the zaak projector reads it too) with its message.
    static func appendZaakEvent(_ transaction: EventStoreTransaction) async throws {
        let zaak = UUID().uuidString.lowercased()
        let url = "\(ResourceURL.marker)/zaken/api/v1/zaken/\(zaak)"
        let payload: JSONValue = .object([
            "uuid": .string(zaak),
            "notificatie": .object([
                "kanaal": .string("zaken"), "hoofdObject": .string(url), "resource": .string("zaak"), "resourceUrl": .string(url),
                "kenmerken": .object(["bronorganisatie": .string("002220647")]),
            ]),
        ])
        try await transaction.append(
            to: "zaak-\(zaak)", expectedVersion: .noStream, events: [try NewEvent(type: "zaak.created", payload: payload)],
            metadata: EventMetadata(actie: "create"))
    }
}
