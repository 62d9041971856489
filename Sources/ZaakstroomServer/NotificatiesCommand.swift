import ArgumentParser
import Foundation
import Notifier

/// `zaakstroom notificaties …`: operators' view of the delivery queue, and requeue of dead letters.
struct NotificatiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notificaties", abstract: "Inspect notification deliveries and requeue dead letters.",
        subcommands: [Status.self, Requeue.self])

    /// `zaakstroom notificaties status`: counts per status and the oldest dead letters.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show delivery counts per status and the oldest dead letters.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (counts, dead) = try await database.withStore { store in
                let queue = DeliveryQueue(client: store.client, logger: store.logger)
                return (try await queue.counts(), try await queue.dead(limit: 20))
            }
            print(DeliveryStatus.allCases.map { "\($0.rawValue): \(counts[$0] ?? 0)" }.joined(separator: ", "))
            for letter in dead {
                print("dead \(letter.id) → \(letter.subscriber) after \(letter.attempts) attempts: \(letter.lastError)")
            }
        }
    }

    /// `zaakstroom notificaties requeue --id 7 --id 9 | --all-dead`.
    struct Requeue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put dead deliveries back in the queue, due now with a fresh retry window.")

        @Option(name: .customLong("id"), help: "A dead delivery's id (repeatable).") var ids: [Int64] = []
        @Flag(name: .customLong("all-dead"), help: "Requeue every dead delivery.") var allDead = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard allDead != !ids.isEmpty else { throw ValidationError("give --id … or --all-dead (not both)") }
        }

        func run() async throws {
            let ids = allDead ? nil : ids
            let requeued = try await database.withStore { store in
                try await DeliveryQueue(client: store.client, logger: store.logger).requeue(ids: ids)
            }
            print("requeued \(requeued.count): \(requeued.map(String.init).joined(separator: ", "))")
        }
    }
}
