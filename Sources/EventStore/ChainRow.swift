import Foundation
import NIOCore
import PostgresNIO

/// One event as the hash chain covers it, decoded from PostgreSQL's binary row format without building strings:
/// what `verify` hashes and `export` writes. Text columns stay the buffers the server sent.
public struct ChainRow: Sendable {
    public var position: Int64
    public var streamID: ByteBuffer
    public var version: Int64
    public var eventID: UUID
    public var type: ByteBuffer
    public var schemaVersion: Int64
    /// `recorded_at` in microseconds since the Unix epoch (exact: the server's own integer).
    public var recordedMicros: Int64
    /// The jsonb texts the chain hashes (`metadata::text`, `data::text`); `data` is nil once destroyed.
    public var metadata: ByteBuffer
    public var data: ByteBuffer?
    public var payloadSHA256: ByteBuffer
    public var hash: ByteBuffer

    /// The select list `init(_:)` reads, in its order.
    public static let columns = columns(payload: "data::text")

    /// The select list without the payloads (read as destroyed): what checking the links alone needs. Printing a
    /// payload's jsonb as text is most of the server's work in a verify.
    public static let linkColumns = columns(payload: "NULL::text")

    static func columns(payload: String) -> String {
        "position, stream_id, version, event_id, event_type, schema_version, recorded_at, metadata::text, \(payload), payload_sha256, hash"
    }

    /// Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01.
    static let postgresEpochMicros: Int64 = 946_684_800_000_000

    public init(
        position: Int64, streamID: ByteBuffer, version: Int64, eventID: UUID, type: ByteBuffer, schemaVersion: Int64, recordedMicros: Int64,
        metadata: ByteBuffer, data: ByteBuffer?, payloadSHA256: ByteBuffer, hash: ByteBuffer
    ) {
        self.position = position
        self.streamID = streamID
        self.version = version
        self.eventID = eventID
        self.type = type
        self.schemaVersion = schemaVersion
        self.recordedMicros = recordedMicros
        self.metadata = metadata
        self.data = data
        self.payloadSHA256 = payloadSHA256
        self.hash = hash
    }

    public init(_ row: PostgresRow) throws(ChainRowError) {
        var cells = row.makeIterator()
        func next() throws(ChainRowError) -> ByteBuffer? {
            guard let cell = cells.next() else { throw ChainRowError(detail: "too few columns") }
            guard cell.format == .binary else { throw ChainRowError(detail: "column \(cell.columnName) is not in binary format") }
            return cell.bytes
        }
        func required() throws(ChainRowError) -> ByteBuffer {
            guard let bytes = try next() else { throw ChainRowError(detail: "unexpected NULL") }
            return bytes
        }
        func integer<I: FixedWidthInteger>(_ type: I.Type) throws(ChainRowError) -> I {
            let buffer = try required()
            guard buffer.readableBytes == MemoryLayout<I>.size, let value = buffer.getInteger(at: buffer.readerIndex, as: I.self) else {
                throw ChainRowError(detail: "integer of \(buffer.readableBytes) bytes")
            }
            return value
        }
        position = try integer(Int64.self)
        streamID = try required()
        version = try integer(Int64.self)
        let uuid = try required()
        guard uuid.readableBytes == 16, let bytes = uuid.getBytes(at: uuid.readerIndex, length: 16) else {
            throw ChainRowError(detail: "uuid of \(uuid.readableBytes) bytes")
        }
        eventID = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                              bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        type = try required()
        schemaVersion = Int64(try integer(Int32.self))
        recordedMicros = try integer(Int64.self) + Self.postgresEpochMicros
        metadata = try required()
        data = try next()
        payloadSHA256 = try required()
        hash = try required()
    }
}

/// A row of `es.events` that does not have the shape `ChainRow` reads.
public struct ChainRowError: Error, CustomStringConvertible {
    public let detail: String
    public var description: String { "unexpected event row: \(detail)" }
}
