import Crypto
import NIOCore

/// A document of `size` deterministic pseudo-random bytes that is never held in memory: byte `i` is byte `i % 8`
/// (little-endian) of `splitmix64(seed + (i / 8) * γ)`, so any range can be made on its own, a chunk at a time.
struct GeneratedDocument: Sendable {
    let seed: UInt64
    let size: Int64

    @inline(__always)
    static func word(_ seed: UInt64, _ index: Int64) -> UInt64 {
        var z = seed &+ UInt64(bitPattern: index) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Writes the bytes of `range` into `raw` (at least `range.count` bytes).
    func generate(_ range: Range<Int64>, into raw: UnsafeMutableRawBufferPointer) {
        var offset = range.lowerBound, out = 0
        while offset < range.upperBound {
            let word = Self.word(seed, offset >> 3)
            let skip = Int(offset & 7), take = min(8 - skip, Int(range.upperBound - offset))
            if take == 8 {
                raw.storeBytes(of: word.littleEndian, toByteOffset: out, as: UInt64.self)
            } else {
                for k in 0..<take { raw[out + k] = UInt8(truncatingIfNeeded: word >> (8 * (skip + k))) }
            }
            offset += Int64(take)
            out += take
        }
    }

    /// The sha256 (hex) of the whole document, computed a MiB at a time.
    func sha256() -> String {
        var hasher = SHA256()
        let chunk = 1 << 20
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { scratch.deallocate() }
        var offset: Int64 = 0
        while offset < size {
            let end = min(size, offset + Int64(chunk))
            generate(offset..<end, into: scratch)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: scratch[0..<Int(end - offset)]))
            offset = end
        }
        return hex(hasher.finalize())
    }
}

func hex(_ digest: SHA256.Digest) -> String {
    digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

/// A request body made on the fly, in chunks of about `chunkSize` bytes: literal text, a range of a generated
/// document as it is, or a whole generated document as base64. Its length is known up front (for
/// `Content-Length`), and each chunk is made only when the HTTP client asks for it, so the client's memory stays
/// at a few chunks whatever the size.
struct GeneratedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    enum Segment: Sendable {
        case text(String)
        case bytes(GeneratedDocument, Range<Int64>)
        case base64(GeneratedDocument)

        var length: Int64 {
            switch self {
            case .text(let text): return Int64(text.utf8.count)
            case .bytes(_, let range): return range.upperBound - range.lowerBound
            case .base64(let document): return (document.size + 2) / 3 * 4
            }
        }
    }

    let segments: [Segment]
    var chunkSize = 256 * 1024

    var length: Int64 { segments.reduce(0) { $0 + $1.length } }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(segments: segments, chunkSize: chunkSize) }

    struct AsyncIterator: AsyncIteratorProtocol {
        let segments: [Segment]
        let chunkSize: Int
        var index = 0
        /// Within the current segment: bytes of the document done (for `.bytes`, `.base64`), or 0/1 for `.text`.
        var offset: Int64 = 0

        mutating func next() async -> ByteBuffer? {
            while index < segments.count {
                switch segments[index] {
                case .text(let text):
                    index += 1
                    if !text.isEmpty { return ByteBuffer(string: text) }
                case .bytes(let document, let range):
                    let start = range.lowerBound + offset
                    guard start < range.upperBound else {
                        index += 1
                        offset = 0
                        continue
                    }
                    let end = Swift.min(range.upperBound, start + Int64(chunkSize))
                    let count = Int(end - start)
                    var buffer = ByteBufferAllocator().buffer(capacity: count)
                    buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw in
                        document.generate(start..<end, into: raw)
                        return count
                    }
                    offset += Int64(count)
                    return buffer
                case .base64(let document):
                    guard offset < document.size else {
                        index += 1
                        offset = 0
                        continue
                    }
                    // A multiple of 24 bytes: whole base64 quanta (3) and whole generated words (8), so the chunks'
                    // encodings simply follow each other and only the last one is padded.
                    let raw = Swift.max(24, chunkSize / 32 * 24)
                    let end = Swift.min(document.size, offset + Int64(raw))
                    let count = Int(end - offset)
                    var buffer = ByteBufferAllocator().buffer(capacity: (count + 2) / 3 * 4)
                    withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { scratch in
                        document.generate(offset..<end, into: scratch)
                        Base64.encode(UnsafeRawBufferPointer(scratch), into: &buffer)
                    }
                    offset = end
                    return buffer
                }
            }
            return nil
        }
    }
}

enum Base64 {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 with padding.
    static func encode(_ input: UnsafeRawBufferPointer, into buffer: inout ByteBuffer) {
        let outputCount = (input.count + 2) / 3 * 4
        alphabet.withUnsafeBufferPointer { table in
            _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: outputCount) { output in
                var i = 0, o = 0
                while i + 3 <= input.count {
                    let value = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                    output[o] = table[Int(value >> 18)]
                    output[o + 1] = table[Int(value >> 12 & 63)]
                    output[o + 2] = table[Int(value >> 6 & 63)]
                    output[o + 3] = table[Int(value & 63)]
                    i += 3
                    o += 4
                }
                let rest = input.count - i
                if rest > 0 {
                    let value = UInt32(input[i]) << 16 | (rest == 2 ? UInt32(input[i + 1]) << 8 : 0)
                    output[o] = table[Int(value >> 18)]
                    output[o + 1] = table[Int(value >> 12 & 63)]
                    output[o + 2] = rest == 2 ? table[Int(value >> 6 & 63)] : UInt8(ascii: "=")
                    output[o + 3] = UInt8(ascii: "=")
                }
                return outputCount
            }
        }
    }
}
