import Foundation
import Logging
import PostgresNIO

/// An open append transaction. `append` checks and advances the stream version right away (row lock on the
/// stream) and runs the inline projectors; the events get their global positions in one statement just before
/// COMMIT, so the global head lock is held as briefly as possible.
public final class EventStoreTransaction: @unchecked Sendable {
    // Used by one task at a time (the closure given to `EventStore.transaction`); not shared.
    public let connection: PostgresConnection
    public let logger: Logger
    let projectors: [any InlineProjector]
    private(set) var pending: [AppendedEvent] = []
    var isOpen = true

    init(connection: PostgresConnection, logger: Logger, projectors: [any InlineProjector]) {
        self.connection = connection
        self.logger = logger
        self.projectors = projectors
    }

    /// Appends events to a stream if it is at `expectedVersion`; returns them with their stream versions.
    /// Throws `EventStoreError.wrongExpectedVersion` on a conflict.
    @discardableResult
    public func append(
        to streamID: String, expectedVersion: ExpectedVersion, events: [NewEvent], metadata: EventMetadata = EventMetadata()
    ) async throws -> [AppendedEvent] {
        guard isOpen else { throw EventStoreError(code: .appendOutsideTransaction, streamID: streamID) }
        try StreamName.validate(streamID)
        guard !events.isEmpty else { return [] }
        let count = Int64(events.count)
        let newVersion = try await advanceStream(streamID, by: count, expected: expectedVersion)
        let first = newVersion - count + 1
        let appended = events.enumerated().map { offset, event in
            AppendedEvent(streamID: streamID, version: first + Int64(offset), event: event, metadata: metadata)
        }
        for projector in projectors {
            try await projector.apply(appended, connection: connection, logger: logger)
        }
        pending.append(contentsOf: appended)
        Failpoint.afterAppend(events.map(\.type))
        return appended
    }

    /// Step 1 of an append: lock the stream row and move its version, or report a conflict.
    private func advanceStream(_ streamID: String, by count: Int64, expected: ExpectedVersion) async throws -> Int64 {
        let category = StreamName.category(of: streamID)
        let rows: [Int64]
        switch expected {
        case .noStream, .exact(0):
            rows = try await connection.rows(AppendStatements.CreateStream(streamID: streamID, category: category, count: count), logger: logger)
        case .exact(let version):
            rows = try await connection.rows(AppendStatements.AdvanceStream(count: count, streamID: streamID, version: version), logger: logger)
        case .any:
            rows = try await connection.rows(AppendStatements.CreateOrAdvanceStream(streamID: streamID, category: category, count: count), logger: logger)
        }
        guard let version = rows.first else {
            throw EventStoreError.wrongExpectedVersion(streamID, expected)
        }
        return version
    }

    /// Step 2, the last statement before COMMIT: number, chain and insert all pending events.
    /// Returns the position of the last event, or nil when nothing was appended.
    func flush() async throws -> Int64? {
        isOpen = false
        guard !pending.isEmpty else { return nil }
        var streamIDs: [String] = [], versions: [Int64] = [], eventIDs: [UUID] = [], types: [String] = []
        var schemaVersions: [Int64] = [], data: [String] = [], metadata: [String] = []
        for event in pending {
            streamIDs.append(event.streamID)
            versions.append(event.version)
            eventIDs.append(event.eventID)
            types.append(event.type)
            schemaVersions.append(Int64(event.event.schemaVersion))
            data.append(event.data)
            metadata.append(String(decoding: try JSONCoding.encoder.encode(event.metadata), as: UTF8.self))
        }
        let statement = AppendStatements.AppendEvents(
            streamIDs: streamIDs, versions: versions, eventIDs: eventIDs, types: types, schemaVersions: schemaVersions, data: data, metadata: metadata)
        return try await connection.rows(statement, logger: logger).first
    }
}
