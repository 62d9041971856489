import EventStore
import Foundation
import Logging
import PostgresNIO

/// Writes the log, or one stream of it, as an LZ4 frame of JSON lines (a header line, then one line per event,
/// see `ExportLine`). Rows stream from the server and are compressed in 64 KiB blocks: memory stays bounded.
public struct LogExporter: Sendable {
    public enum Scope: Sendable, Equatable {
        case all
        case stream(String)
    }

    public let store: EventStore

    public init(store: EventStore) {
        self.store = store
    }

    /// Writes the export to `output`; returns the number of events. `progress(done, total)` as lines are written.
    @discardableResult
    public func export(
        _ scope: Scope, to output: FileHandle, progress: @Sendable (Int64, Int64) -> Void = { _, _ in }
    ) async throws -> Int64 {
        let logger = store.logger
        return try await store.client.inTransaction(logger: logger) { connection in
            // One snapshot for the header and the rows.
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            return try await write(scope, connection: connection, to: output, progress: progress)
        }
    }

    private func write(
        _ scope: Scope, connection: PostgresConnection, to output: FileHandle, progress: @Sendable (Int64, Int64) -> Void
    ) async throws -> Int64 {
            let logger = store.logger
            let head = try await connection.query("SELECT position, hash FROM es.log_head WHERE id = 1", logger: logger).collect()
            let (headPosition, headHash) = try head.first?.decode((Int64, Data).self) ?? (Int64(0), Data(HashChain.genesis))
            let rows: PostgresRowSequence
            var total = headPosition
            switch scope {
            case .all:
                rows = try await connection.query(
                    "SELECT \(unescaped: ChainRow.columns) FROM es.events WHERE position <= \(headPosition) ORDER BY position", logger: logger)
            case .stream(let streamID):
                let counted = try await connection.query("SELECT version FROM es.streams WHERE stream_id = \(streamID)", logger: logger).collect()
                guard let version = try counted.first?.decode(Int64.self) else { throw LogArchiveError.noSuchStream(streamID) }
                total = version
                rows = try await connection.query(
                    """
                    SELECT c.*, (SELECT hash FROM es.events p WHERE p.position = c.position - 1)
                    FROM (SELECT \(unescaped: ChainRow.columns) FROM es.events WHERE stream_id = \(streamID)) c ORDER BY c.position
                    """, logger: logger)
            }
            let writer = try LZ4FrameWriter(output: output)
            let header = ExportHeader(
                scope: scope == .all ? "all" : "stream", stream: { if case .stream(let id) = scope { id } else { nil } }(),
                headPosition: headPosition, headHash: ExportLine.hex(headHash), exportedAt: Timestamp.format(micros: Int64(Date().timeIntervalSince1970 * 1e6)))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try writer.write(try encoder.encode(header) + Data("\n".utf8))
            var previous = HashChain.genesis
            var line: [UInt8] = []
            var count: Int64 = 0
            for try await postgresRow in rows {
                let row = try ChainRow(postgresRow)
                if scope != .all {
                    let before = postgresRow.makeRandomAccess()[postgresRow.count - 1].bytes
                    previous = before.map { Array($0.readableBytesView) } ?? HashChain.genesis
                }
                line.removeAll(keepingCapacity: true)
                ExportLine.append(row, previous: previous, to: &line)
                try writer.write(line)
                previous = Array(row.hash.readableBytesView)
                count += 1
                if count % 10_000 == 0 { progress(count, total) }
            }
            try writer.finish()
            progress(count, total)
            return count
    }
}
