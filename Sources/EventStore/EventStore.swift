import Foundation
import Logging
import PostgresNIO

/// The append-only event log on PostgreSQL.
///
/// Every write is one transaction: `transaction { tx in try await tx.append(...) }` checks expected versions,
/// runs the inline projectors on the same connection, and numbers the events last, just before COMMIT.
public struct EventStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    public let projectors: [any InlineProjector]

    public init(client: PostgresClient, logger: Logger, projectors: [any InlineProjector] = []) {
        self.client = client
        self.logger = logger
        self.projectors = projectors
    }

    /// Runs `body` in one database transaction; events it appends are committed with whatever else it wrote,
    /// or not at all. Returns the body's result and the position of the last appended event (nil if none).
    public func transaction<Result: Sendable>(
        _ body: (EventStoreTransaction) async throws -> Result
    ) async throws -> (result: Result, position: Int64?) {
        try await client.withConnection { connection in
            let transaction = EventStoreTransaction(connection: connection, logger: logger, projectors: projectors)
            try await connection.query("BEGIN", logger: logger)
            do {
                let result = try await body(transaction)
                let position = try await transaction.flush()
                try await connection.query("COMMIT", logger: logger)
                return (result, position)
            } catch {
                transaction.isOpen = false
                _ = try? await connection.query("ROLLBACK", logger: logger)
                // A statement prepared for the first time on this connection inside a failed transaction stays failed
                // on it (PostgresNIO keeps the preparation's error): a fresh connection from the pool prepares it anew.
                if let failure = error as? PSQLError, failure.serverInfo?[.sqlState] == "25P02" { try? await connection.close() }
                throw Self.translate(error)
            }
        }
    }

    /// Appends to one stream in its own transaction; returns the appended events' global positions.
    @discardableResult
    public func append(
        to streamID: String, expectedVersion: ExpectedVersion, events: [NewEvent], metadata: EventMetadata = EventMetadata()
    ) async throws -> ClosedRange<Int64>? {
        let (_, last) = try await transaction { transaction in
            try await transaction.append(to: streamID, expectedVersion: expectedVersion, events: events, metadata: metadata)
            return ()
        }
        guard let last else { return nil }
        return (last - Int64(events.count) + 1)...last
    }

    /// The events of one stream from `version` on, in version order.
    public func readStream(_ streamID: String, fromVersion version: Int64 = 1) async throws -> [RecordedEvent] {
        let rows = try await client.query(
            "\(unescaped: Self.selectColumns) WHERE stream_id = \(streamID) AND version >= \(version) ORDER BY version",
            logger: logger)
        return try await Self.decode(rows)
    }

    /// Moves every consumer's checkpoint (the notifier's) to at least `position`: a log loaded in bulk (an import,
    /// a generated dataset) is history, not news to publish again.
    public static func skippingHistory(upTo position: Int64) -> PostgresQuery {
        "UPDATE es.checkpoints SET position = greatest(position, \(position)), updated_at = now()"
    }

    /// Up to `limit` events of the whole log after `position`, in position (= commit) order.
    public func readAll(after position: Int64, limit: Int = 1000) async throws -> [RecordedEvent] {
        let rows = try await client.query(
            "\(unescaped: Self.selectColumns) WHERE position > \(position) ORDER BY position LIMIT \(Int64(limit))",
            logger: logger)
        return try await Self.decode(rows)
    }

    /// Up to `limit` events after `position` and at most `head`, in position order, leaving out the streams of
    /// `categories` (a replay whose other readers built those from the log in SQL).
    public func readAll(after position: Int64, upTo head: Int64, limit: Int, excludingCategories categories: [String]) async throws -> [RecordedEvent] {
        let rows = try await client.query(
            """
            \(unescaped: Self.selectColumns) WHERE position > \(position) AND position <= \(head) AND split_part(stream_id, '-', 1) <> ALL(\(categories))
            ORDER BY position LIMIT \(Int64(limit))
            """, logger: logger)
        return try await Self.decode(rows)
    }

    /// The position of the last committed event (0 for an empty log).
    public func headPosition() async throws -> Int64 {
        let rows = try await client.query("SELECT position FROM es.log_head WHERE id = 1", logger: logger)
        return try await rows.collect().first?.decode(Int64.self) ?? 0
    }

    /// The current version of a stream, nil if it does not exist.
    public func streamVersion(_ streamID: String) async throws -> Int64? {
        let rows = try await client.query("SELECT version FROM es.streams WHERE stream_id = \(streamID)", logger: logger)
        return try await rows.collect().first?.decode(Int64.self)
    }

    /// A tailing reader of the whole log after `position`; see `EventSubscription`.
    public func subscribe(after position: Int64, batchSize: Int = 500, pollInterval: Duration = .milliseconds(500)) -> EventSubscription {
        EventSubscription(store: self, after: position, batchSize: batchSize, pollInterval: pollInterval)
    }

    static let selectColumns = """
        SELECT position, stream_id, version, event_id, event_type, schema_version, data::text, metadata::text, recorded_at
        FROM es.events
        """

    static func decode(_ rows: PostgresRowSequence) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        for try await (position, streamID, version, eventID, type, schemaVersion, data, metadata, recordedAt) in rows.decode(
            (Int64, String, Int64, UUID, String, Int32, String?, String, Date).self)
        {
            events.append(
                RecordedEvent(
                    position: position, streamID: streamID, version: version, eventID: eventID, type: type,
                    // A destroyed payload (archival destruction) reads as JSON `null`.
                    schemaVersion: Int(schemaVersion), data: data ?? "null",
                    metadata: try JSONCoding.decoder.decode(EventMetadata.self, from: Data(metadata.utf8)),
                    recordedAt: recordedAt))
        }
        return events
    }

    /// Maps database errors that have a meaning for callers to `EventStoreError`.
    static func translate(_ error: any Error) -> any Error {
        guard let psql = error as? PSQLError, let state = psql.serverInfo?[.sqlState] else { return error }
        let constraint = psql.serverInfo?[.constraintName]
        switch state {
        case "23505" where constraint == "events_event_id_key":
            return EventStoreError(code: .duplicateEventID)
        case "23505" where constraint == "events_stream_id_version_key" || constraint == "streams_pkey":
            return EventStoreError(code: .wrongExpectedVersion, streamID: nil, detail: constraint)
        case "ZS001":
            return EventStoreError(code: .appendRefused)
        default:
            return error
        }
    }
}
