import EventStore
import Foundation
import NIOCore

/// An event line of an export, read back: every field checked for type and form, `metadata` and `data` kept
/// as the exact text the chain hashed.
struct ImportedEvent {
    let row: ChainRow
    let previousHash: [UInt8]
    let recordedAt: String
    let metadataText: String
    let dataText: String?

    init(line: ArraySlice<UInt8>, number: Int) throws(LogArchiveError) {
        func fail(_ detail: String) -> LogArchiveError { .badLine(line: number, detail) }
        let members: JSONMembers
        do { members = try JSONMembers(line) } catch { throw fail("not a JSON object: \(error.detail)") }
        func raw(_ key: String) throws(LogArchiveError) -> ArraySlice<UInt8> {
            guard let value = members[key] else { throw fail("\(key) is missing") }
            return value
        }
        func integer(_ key: String) throws(LogArchiveError) -> Int64 {
            guard let value = Int64(String(decoding: try raw(key), as: UTF8.self)) else { throw fail("\(key) is not an integer") }
            return value
        }
        func string(_ key: String) throws(LogArchiveError) -> String {
            let value = try raw(key)
            guard value.first == UInt8(ascii: "\""), let text = try? JSONDecoder().decode(String.self, from: Data(value)) else {
                throw fail("\(key) is not a string")
            }
            return text
        }
        func hash(_ key: String) throws(LogArchiveError) -> [UInt8] {
            let text = Array(try string(key).utf8)
            guard text.count == 64, let bytes = Self.bytes(hex: text) else { throw fail("\(key) is not 64 hex digits") }
            return bytes
        }
        func object(_ key: String) throws(LogArchiveError) -> String {
            let value = try raw(key)
            guard value.first == UInt8(ascii: "{"), let text = String(validating: value, as: UTF8.self) else { throw fail("\(key) is not a JSON object") }
            return text
        }
        let position = try integer("position")
        let streamID = try string("stream_id")
        let type = try string("event_type")
        guard let eventID = UUID(uuidString: try string("event_id")) else { throw fail("event_id is not a uuid") }
        recordedAt = try string("recorded_at")
        guard let micros = Timestamp.parse(recordedAt) else { throw fail("recorded_at is not of the form 2026-11-29T07:17:16.264581Z") }
        previousHash = try hash("previous_hash")
        metadataText = try object("metadata")
        dataText = try raw("data") == ArraySlice("null".utf8) ? nil : try object("data")
        row = ChainRow(
            position: position, streamID: ByteBuffer(string: streamID), version: try integer("version"), eventID: eventID,
            type: ByteBuffer(string: type), schemaVersion: try integer("schema_version"), recordedMicros: micros,
            metadata: ByteBuffer(string: metadataText), data: dataText.map { ByteBuffer(string: $0) },
            payloadSHA256: ByteBuffer(bytes: try hash("payload_sha256")), hash: ByteBuffer(bytes: try hash("hash")))
    }

    static func bytes(hex: [UInt8]) -> [UInt8]? {
        func nibble(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        for index in stride(from: 0, to: hex.count, by: 2) {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}
