import EventStore
import Synchronization

/// Writes the clones straight into the log through the event store's own append path (stream versions, the
/// log-head lock, the hash chain), `unitsPerTransaction` zaken per transaction, from `writers` concurrent
/// writers, with no inline projectors: the read models are built afterwards from the log, as a rebuild does.
struct Ingest {
    let store: EventStore
    let writers: Int
    let unitsPerTransaction: Int

    /// Appends clones `0..<count`; clone `n` follows `template(n)`. Returns the events appended.
    func run(count: Int, template: @escaping @Sendable (Int) -> EventTemplate, progress: ProgressBar) async throws -> Int {
        let bare = EventStore(client: store.client, logger: store.logger, projectors: [])
        let cursor = Cursor()
        let chunk = unitsPerTransaction
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<writers {
                group.addTask {
                    var written = 0
                    while true {
                        let first = cursor.take(chunk)
                        guard first < count else { return written }
                        let range = first..<min(first + chunk, count)
                        let (events, _) = try await bare.transaction { transaction in
                            var events = 0
                            for index in range {
                                let unit = template(index)
                                try await unit.append(clone: index, to: transaction)
                                events += unit.eventCount
                            }
                            return events
                        }
                        written += events
                        progress.advance(by: Int64(events))
                    }
                }
            }
            return try await group.reduce(0, +)
        }
    }
}

/// The next clone to write, shared by the writers.
final class Cursor: Sendable {
    private let next = Atomic(0)

    /// Claims `count` clones; returns the first.
    func take(_ count: Int) -> Int { next.add(count, ordering: .relaxed).oldValue }
}
