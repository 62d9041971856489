import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO
import Projections
import ServiceLifecycle

/// The checkpointed tail of the event log: the event log is the outbox. It reads the log after its
/// checkpoint in batches, maps each event to its message, and in ONE transaction writes a delivery row per
/// (message, subscriber) and moves the checkpoint. So a message is queued exactly once: a crash before the
/// commit redoes the batch, one after it starts past it.
///
/// Several instances may each run a tail: the checkpoint row is locked in the transaction, and an instance
/// that finds it moved on skips what another already queued.
public struct NotificationTail: Service {
    let store: EventStore
    let mapper: EventNotificationMapper
    let configuration: NotifierConfiguration
    /// Called after a batch queued deliveries (wakes the local worker).
    let onQueued: @Sendable () -> Void
    let metrics = NotifierMetrics()

    public init(store: EventStore, baseURL: String, configuration: NotifierConfiguration, onQueued: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.mapper = EventNotificationMapper(baseURL: baseURL)
        self.configuration = configuration
        self.onQueued = onQueued
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await tail() }
        } catch where Task.isShuttingDownGracefully || Task.isCancelled {
            // Stopping mid-batch rolls its transaction back; the batch is queued at the next start.
        }
    }

    func tail() async throws {
        // Nil until read: at start-up the migrations may still be running.
        var position: Int64?
        let wakeups = AppendWakeups(store: store, pollInterval: configuration.pollInterval)
        while !Task.isCancelled {
            do {
                guard let after = position else {
                    position = try await checkpoint()
                    continue
                }
                let events = try await store.readAll(after: after, limit: configuration.batchSize)
                if events.isEmpty {
                    metrics.lag.record(max(0, try await store.headPosition() - after))
                    guard await wakeups.wait() else { return }
                    continue
                }
                let checkpoint = try await publish(events)
                position = checkpoint
                metrics.lag.record(max(0, try await store.headPosition() - checkpoint))
            } catch where !Task.isCancelled {
                store.logger.warning("notifier tail failed, retrying", metadata: ["error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: .seconds(1))
                position = nil
            }
        }
    }

    /// The checkpoint's position.
    func checkpoint() async throws -> Int64 {
        let rows = try await store.client.query("SELECT position FROM es.checkpoints WHERE name = \(NotifierSchema.checkpoint)", logger: store.logger)
        return try await rows.collect().first?.decode(Int64.self) ?? 0
    }

    /// Queues the messages of `events` (in position order) and moves the checkpoint past them; returns the
    /// new checkpoint, which may be further on when another instance got there first.
    func publish(_ events: [RecordedEvent]) async throws -> Int64 {
        var messages: [(event: RecordedEvent, message: NotificationMessage)] = []
        for event in events {
            if let message = try await mapper.message(for: event, catalogusOf: catalogus) { messages.append((event, message)) }
        }
        let last = events.last?.position ?? 0
        let (checkpoint, queued) = try await store.client.withTransaction(logger: store.logger) { connection in
            let rows = try await connection.query(
                "SELECT position FROM es.checkpoints WHERE name = \(NotifierSchema.checkpoint) FOR UPDATE", logger: store.logger)
            let current = try await rows.collect().first?.decode(Int64.self) ?? 0
            guard current < last else { return (current, 0) }
            let abonnementen = configuration.builtIn ? try await AbonnementStore.all(on: connection, logger: store.logger) : []
            var queued = 0
            for (event, message) in messages where event.position > current {
                let targets = DeliveryTargets.for(message, abonnementen: abonnementen, external: configuration.external != nil)
                try await DeliveryQueue.insert(
                    message, eventPosition: event.position, committedAt: event.recordedAt, targets: targets, on: connection, logger: store.logger)
                if !targets.isEmpty { queued += 1 }
            }
            try await connection.query(
                "UPDATE es.checkpoints SET position = \(last), updated_at = now() WHERE name = \(NotifierSchema.checkpoint)", logger: store.logger)
            return (last, queued)
        }
        if queued > 0 {
            metrics.published.increment(by: queued)
            onQueued()
        }
        return checkpoint
    }

    /// The catalogus of a catalogus type, from the first event of its stream (its creation), for events that
    /// do not carry it (`published`, `deleted`).
    @Sendable func catalogus(_ streamID: String) async throws -> UUID? {
        let rows = try await store.client.query(
            "SELECT data::text FROM es.events WHERE stream_id = \(streamID) AND version = 1", logger: store.logger)
        guard let data = try await rows.collect().first?.decode(String.self),
            case .object(let payload) = try JSONParser.parse(data)
        else { return nil }
        for case .object(let state) in payload.values {
            if case .string(let text)? = state["catalogus"] { return UUID(uuidString: text) }
        }
        return nil
    }
}
