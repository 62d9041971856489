import Logging
import PostgresNIO

/// A catch-up subscription to the whole log: first everything after the start position, then each new event
/// as it commits. Because positions are gap-free and in commit order, "read `position > last` in order" yields
/// every committed event exactly once, in order, without gap detection.
///
/// LISTEN/NOTIFY is only a wake-up hint (notifications are not persisted); a poll every `pollInterval` covers
/// a lost listener connection. Iteration ends when the task is cancelled.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    let store: EventStore
    let after: Int64
    let batchSize: Int
    let pollInterval: Duration

    public func makeAsyncIterator() -> Iterator {
        Iterator(store: store, position: after, batchSize: batchSize, wakeups: AppendWakeups(store: store, pollInterval: pollInterval))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let store: EventStore
        /// Position of the last event handed out.
        public private(set) var position: Int64
        let batchSize: Int
        let wakeups: AppendWakeups
        var buffer: [RecordedEvent] = []
        var index = 0

        init(store: EventStore, position: Int64, batchSize: Int, wakeups: AppendWakeups) {
            self.store = store
            self.position = position
            self.batchSize = batchSize
            self.wakeups = wakeups
        }

        public mutating func next() async throws -> RecordedEvent? {
            while !Task.isCancelled {
                if index < buffer.count {
                    let event = buffer[index]
                    index += 1
                    position = event.position
                    return event
                }
                buffer = try await store.readAll(after: position, limit: batchSize)
                index = 0
                if buffer.isEmpty {
                    guard await wakeups.wait() else { return nil }
                }
            }
            return nil
        }
    }
}

/// Wake-ups for a tailing reader: one per NOTIFY on the append channel, and one per poll interval.
/// Buffers at most one pending wake-up, so a burst of appends causes one read, not many. Public for tailing
/// readers that read in batches of their own (the notifier); holds one pool connection for LISTEN.
public final class AppendWakeups {
    private let stream: AsyncStream<Void>
    private var iterator: AsyncStream<Void>.Iterator
    private let tasks: [Task<Void, Never>]

    public init(store: EventStore, pollInterval: Duration) {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.stream = stream
        self.iterator = stream.makeAsyncIterator()
        let listener = Task {
            while !Task.isCancelled {
                do {
                    try await store.client.withConnection { connection in
                        try await connection.listen(on: EventStoreSchema.appendChannel) { notifications in
                            continuation.yield()  // catch up on anything appended before LISTEN took effect
                            for try await _ in notifications { continuation.yield() }
                        }
                    }
                } catch {
                    if Task.isCancelled { break }
                    store.logger.debug("append listener lost, polling until it is back", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: pollInterval)
                continuation.yield()
            }
        }
        tasks = [listener, ticker]
    }

    /// Waits for the next wake-up; false when the waiting task was cancelled.
    public func wait() async -> Bool {
        await iterator.next() != nil && !Task.isCancelled
    }

    deinit {
        tasks.forEach { $0.cancel() }
    }
}
