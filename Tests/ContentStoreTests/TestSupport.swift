import ContentStore
import Foundation
import NIOCore

/// Reproducible random bytes and chunk sizes: a failing run can be replayed with the same seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    var bytes = [UInt8](repeating: 0, count: count)
    var index = 0
    while index < count {
        var word = generator.next()
        for _ in 0..<8 where index < count {
            bytes[index] = UInt8(truncatingIfNeeded: word)
            word >>= 8
            index += 1
        }
    }
    return bytes
}

/// `bytes` cut into buffers of random sizes in `sizes`.
func randomChunks(_ bytes: [UInt8], sizes: ClosedRange<Int>, seed: UInt64) -> [ByteBuffer] {
    var generator = SplitMix64(seed: seed)
    var chunks: [ByteBuffer] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + Int.random(in: sizes, using: &generator))
        chunks.append(ByteBuffer(bytes: bytes[start..<end]))
        start = end
    }
    return chunks
}

/// Every way to cut `bytes` in two, then one buffer per byte: each boundary of a parser's state falls on a cut.
func splitsEveryWay(_ bytes: [UInt8]) -> [[ByteBuffer]] {
    (0...bytes.count).map { [ByteBuffer(bytes: bytes[..<$0]), ByteBuffer(bytes: bytes[$0...])] }
        + [bytes.map { ByteBuffer(bytes: [$0]) }]
}

func collect(_ chunks: ContentChunks) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    for try await chunk in chunks { bytes += chunk.readableBytesView }
    return bytes
}

/// A fresh directory under the system temporary directory; `remove()` deletes it.
struct TemporaryDirectory {
    let path: String

    init(path: String) { self.path = path }

    init() {
        path = FileManager.default.temporaryDirectory.path + "/content-store-tests-" + UUID().uuidString
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The regular files below `folder`, relative to it, sorted.
    func files(under folder: String) -> [String] {
        let base = path + "/" + folder
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }
}
