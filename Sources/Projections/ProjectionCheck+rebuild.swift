import EventStore
import Logging
import PostgresNIO

extension ProjectionCheck {
    /// Rebuilds `groups` from the log into `target` (a migrated, empty database) the way `rebuild` does: a group
    /// with a bulk build from a copy of its streams' events, in SQL; the others by replaying the rest of the log.
    /// Returns the number of events (the head of the log when it started).
    public static func rebuild(
        from store: EventStore, into target: PostgresClient, groups: [ProjectionGroup], batchSize: Int = 5000, logger: Logger,
        progress: @Sendable (Int64, Int64) -> Void = { _, _ in }
    ) async throws -> Int {
        let head = try await store.headPosition()
        let bulk = groups.compactMap(\.bulk)
        let categories = bulk.flatMap(\.categories)
        if !bulk.isEmpty {
            try await target.withTransaction(logger: logger) { connection in
                try await EventCopy.copy(from: store, categories: categories, upTo: head, into: "bulk_events", connection: connection, logger: logger)
                for build in bulk { try await build.build(from: "bulk_events", upTo: head, connection: connection, logger: logger) }
            }
        }
        let projectors = groups.filter { $0.bulk == nil }.flatMap(\.projectors)
        _ = try await replay(
            from: store, into: target, projectors: projectors, batchSize: batchSize, upTo: head, excluding: categories, logger: logger, progress: progress)
        progress(head, head)
        return Int(head)
    }
}
