import EventStore
import Foundation
import Logging
import PostgresNIO

/// Loads a full export (`LogExporter`, scope `all`) into an empty store, in one transaction: every line's
/// payload digest and chain link are checked as it is read (a tampered file is refused naming the line), events
/// keep their positions, times and hashes, the inline projectors build the read models batch by batch, and the
/// stored log is verified before COMMIT. Anything wrong: nothing is imported.
public struct LogImporter: Sendable {
    public let store: EventStore
    public let projectors: [any InlineProjector]
    /// Statements run after the events are in (counters that must start after what the log issued).
    public let finishing: [String]
    public var batchSize = 1000

    public init(store: EventStore, projectors: [any InlineProjector], finishing: [String] = []) {
        self.store = store
        self.projectors = projectors
        self.finishing = finishing
    }

    public struct Summary: Sendable, Equatable {
        public let events: Int64
        public let headHash: String
    }

    public func load(from input: FileHandle, progress: @Sendable (Int64, Int64) -> Void = { _, _ in }) async throws -> Summary {
        let reader = try LZ4FrameReader(input: input)
        let header = try Self.header(try reader.nextLine())
        if header.scope != "all" { throw LogArchiveError.partialExport(stream: header.stream ?? "?") }
        return try await store.client.inTransaction(logger: store.logger) { connection in
            try await load(reader, header: header, connection: connection, progress: progress)
        }
    }

    static func header(_ line: ArraySlice<UInt8>?) throws(LogArchiveError) -> ExportHeader {
        guard let line else { throw .truncated("the file holds no header line") }
        guard let header = try? JSONDecoder().decode(ExportHeader.self, from: Data(line)), header.format == ExportHeader.formatName else {
            throw .badLine(line: 1, "not a zaakstroom export header (format \(ExportHeader.formatName))")
        }
        guard header.formatVersion == ExportHeader.currentVersion else {
            throw .badLine(line: 1, "format version \(header.formatVersion); this zaakstroom reads version \(ExportHeader.currentVersion)")
        }
        return header
    }

    private func load(
        _ reader: LZ4FrameReader, header: ExportHeader, connection: PostgresConnection, progress: @Sendable (Int64, Int64) -> Void
    ) async throws -> Summary {
        let logger = store.logger
        // The head row locked to COMMIT: no append can slip in while the log is loaded.
        let head = try await connection.query("SELECT position FROM es.log_head WHERE id = 1 FOR UPDATE", logger: logger).collect()
        let events = try await connection.query("SELECT count(*) FROM (SELECT 1 FROM es.events LIMIT 1) e", logger: logger).collect()
        let headPosition = try head.first?.decode(Int64.self) ?? 0
        let stored = try events.first?.decode(Int64.self) ?? 0
        if headPosition > 0 || stored > 0 { throw LogArchiveError.storeNotEmpty(head: headPosition) }

        var previous = HashChain.genesis
        var hasher = ChainHasher()
        var batch = ImportBatch()
        var statistics = StatisticsSchedule()
        var last: ImportedEvent?
        while let line = try reader.nextLine() {
            let number = reader.lineNumber
            let event = try ImportedEvent(line: line, number: number)
            let position = event.row.position
            guard position == (last?.row.position ?? 0) + 1 else {
                throw LogArchiveError.badLine(line: number, "position \(position) where \((last?.row.position ?? 0) + 1) was expected (events missing or out of order)")
            }
            guard event.previousHash == previous else { throw LogArchiveError.tampered(line: number, position: position, "previous_hash is not the hash of the line before") }
            if let data = event.row.data, !ChainHasher.payloadDigest(data).elementsEqual(event.row.payloadSHA256.readableBytesView) {
                throw LogArchiveError.tampered(line: number, position: position, "the payload does not hash to its payload_sha256")
            }
            guard hasher.link(previous: previous, event.row).elementsEqual(event.row.hash.readableBytesView) else {
                throw LogArchiveError.tampered(line: number, position: position, "the event does not hash to its chain hash")
            }
            previous = Array(event.row.hash.readableBytesView)
            try batch.add(event, line: number)
            last = event
            if batch.count >= batchSize {
                try await batch.flush(connection: connection, projectors: projectors, logger: logger)
                if statistics.isDue(after: Int(position)) { try await connection.query("ANALYZE", logger: logger) }
                progress(position, header.headPosition)
            }
        }
        try await batch.flush(connection: connection, projectors: projectors, logger: logger)
        let count = last?.row.position ?? 0
        guard count == header.headPosition, previous == ImportedEvent.bytes(hex: Array(header.headHash.utf8)) else {
            throw LogArchiveError.truncated("the file ends at position \(count), its header names head \(header.headPosition) (\(header.headHash))")
        }
        if let last {
            try await connection.query(
                """
                UPDATE es.log_head SET position = \(count), hash = decode(\(header.headHash), 'hex'), recorded_at = \(last.recordedAt)::timestamptz
                WHERE id = 1
                """, logger: logger)
            // Consumers (the notifier) start at the imported head: history is not published again.
            try await connection.query(EventStore.skippingHistory(upTo: count), logger: logger)
        }
        for statement in finishing { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
        // What went in is what the chain says: the stored rows verify (this connection sees them before COMMIT).
        if count > 0 {
            let stored = try await ChainVerifier(logger: logger).verify(1...count, previous: HashChain.genesis, connection: connection)
            if case .failure(let broken) = stored { throw LogArchiveError.notVerified("position \(broken.position): \(broken.reason.rawValue)") }
        }
        progress(count, header.headPosition)
        return Summary(events: count, headHash: header.headHash)
    }
}
