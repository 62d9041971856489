import Crypto
import Foundation
import NIOCore

/// `HashChain` for many events in a row, over raw buffers: the digest text is assembled in one reused byte
/// array and hashed in place, so verifying or importing a million events builds no strings.
public struct ChainHasher: Sendable {
    private var text: [UInt8] = []

    public init() { text.reserveCapacity(1024) }

    /// The sha256 of a payload's jsonb text.
    public static func payloadDigest(_ text: ByteBuffer) -> SHA256Digest {
        text.withUnsafeReadableBytes { SHA256.hash(data: $0) }
    }

    /// `hash(e)` given the previous link: the digest of the event's fields, then the link.
    public mutating func link(previous: some ContiguousBytes, _ row: ChainRow) -> SHA256Digest {
        text.removeAll(keepingCapacity: true)
        Self.appendDecimal(row.position, to: &text)
        newlineThen(row.streamID)
        newlineThen(row.version)
        text.append(0x0A)
        Self.appendUUID(row.eventID, to: &text)
        newlineThen(row.type)
        newlineThen(row.schemaVersion)
        newlineThen(row.recordedMicros)
        newlineThen(row.metadata)
        var hasher = SHA256()
        hasher.update(data: text)
        row.payloadSHA256.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        let digest = hasher.finalize()
        var chain = SHA256()
        previous.withUnsafeBytes { chain.update(bufferPointer: $0) }
        digest.withUnsafeBytes { chain.update(bufferPointer: $0) }
        return chain.finalize()
    }

    private mutating func newlineThen(_ bytes: ByteBuffer) {
        text.append(0x0A)
        text.append(contentsOf: bytes.readableBytesView)
    }

    private mutating func newlineThen(_ number: Int64) {
        text.append(0x0A)
        Self.appendDecimal(number, to: &text)
    }

    static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: digits[(20 - count)...])
        }
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lowercase `8-4-4-4-12`, as PostgreSQL prints a uuid.
    static func appendUUID(_ uuid: UUID, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: uuid.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            }
        }
    }
}
