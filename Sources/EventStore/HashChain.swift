import Crypto
import Foundation
import NIOCore

/// The tamper-evident chain over the log, computed the same way as `es.append_events` does in SQL:
///
///     digest(e) = sha256(utf8(join("\n", position, stream_id, version, event_id, type, schema_version,
///                                       recorded_at_micros, metadata_jsonb_text)) ++ payload_sha256)
///     hash(e)   = sha256(hash(previous) ++ digest(e)),  hash(0) = 32 zero bytes
///
/// Because the chain covers the payload's *digest*, a payload destroyed later (archival destruction) leaves
/// the chain verifiable.
public enum HashChain {
    public static let genesis = [UInt8](repeating: 0, count: 32)

    public static func payloadDigest(_ jsonbText: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(jsonbText.utf8)))
    }

    public static func eventDigest(
        position: Int64, streamID: String, version: Int64, eventID: UUID, type: String, schemaVersion: Int64,
        recordedMicros: Int64, metadataText: String, payloadSHA256: [UInt8]
    ) -> [UInt8] {
        var hasher = SHA256()
        let text = [
            String(position), streamID, String(version), eventID.uuidString.lowercased(), type, String(schemaVersion),
            String(recordedMicros), metadataText,
        ].joined(separator: "\n")
        hasher.update(data: Array(text.utf8))
        hasher.update(data: payloadSHA256)
        return Array(hasher.finalize())
    }

    public static func link(previous: [UInt8], digest: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: digest)
        return Array(hasher.finalize())
    }
}
