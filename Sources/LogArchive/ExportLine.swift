import EventStore
import Foundation
import NIOCore

/// One event as a line of the export (JSON, one object per line):
///
///     {"position":7,"stream_id":"zaak-…","version":1,"event_id":"…","event_type":"zaak.created","schema_version":1,
///      "recorded_at":"2026-11-29T07:17:16.264581Z","previous_hash":"<hex>","payload_sha256":"<hex>","hash":"<hex>",
///      "metadata":{…},"data":{…}}
///
/// `metadata` and `data` are PostgreSQL's jsonb text exactly as the chain hashed it; `data` is null once
/// destroyed. `previous_hash` lets a reader check each line's link on its own (a partial export has gaps).
enum ExportLine {
    static func append(_ row: ChainRow, previous: some Sequence<UInt8>, to line: inout [UInt8]) {
        line.append(contentsOf: #"{"position":"#.utf8)
        line.append(contentsOf: String(row.position).utf8)
        line.append(contentsOf: #","stream_id":"#.utf8)
        appendString(row.streamID.readableBytesView, to: &line)
        line.append(contentsOf: #","version":"#.utf8)
        line.append(contentsOf: String(row.version).utf8)
        line.append(contentsOf: #","event_id":""#.utf8)
        line.append(contentsOf: row.eventID.uuidString.lowercased().utf8)
        line.append(contentsOf: #"","event_type":"#.utf8)
        appendString(row.type.readableBytesView, to: &line)
        line.append(contentsOf: #","schema_version":"#.utf8)
        line.append(contentsOf: String(row.schemaVersion).utf8)
        line.append(contentsOf: #","recorded_at":""#.utf8)
        line.append(contentsOf: Timestamp.format(micros: row.recordedMicros).utf8)
        line.append(contentsOf: #"","previous_hash":""#.utf8)
        appendHex(previous, to: &line)
        line.append(contentsOf: #"","payload_sha256":""#.utf8)
        appendHex(row.payloadSHA256.readableBytesView, to: &line)
        line.append(contentsOf: #"","hash":""#.utf8)
        appendHex(row.hash.readableBytesView, to: &line)
        line.append(contentsOf: #"","metadata":"#.utf8)
        line.append(contentsOf: row.metadata.readableBytesView)
        line.append(contentsOf: #","data":"#.utf8)
        if let data = row.data { line.append(contentsOf: data.readableBytesView) } else { line.append(contentsOf: "null".utf8) }
        line.append(contentsOf: "}\n".utf8)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    static func appendHex(_ bytes: some Sequence<UInt8>, to line: inout [UInt8]) {
        for byte in bytes {
            line.append(hexDigits[Int(byte >> 4)])
            line.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        appendHex(bytes, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// A JSON string of UTF-8 bytes: quotes, backslashes and control characters escaped.
    static func appendString(_ bytes: some Sequence<UInt8>, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                line.append(UInt8(ascii: "\\"))
                line.append(byte)
            case 0..<0x20:
                line.append(contentsOf: "\\u00".utf8)
                line.append(hexDigits[Int(byte >> 4)])
                line.append(hexDigits[Int(byte & 0x0F)])
            default:
                line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }
}
