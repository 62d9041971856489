#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import NIOCore
import NIOPosix
import Synchronization

/// Appends to a temporary file under `tmp/` and hashes as it goes, so `finish` knows the digest without reading the
/// file back. The lock serialises the thread-pool jobs; `size` is an atomic so reading it never waits for a write.
final class FileSystemContentWriter: ContentWriter {
    private enum Phase {
        case open(CInt)
        /// `finish` failed part-way: the descriptor is closed, the temporary file may remain for `abort`.
        case failed
        case finished(ContentDigest)
        case aborted
    }

    private struct State {
        var phase: Phase
        var hasher = SHA256()
    }

    private let store: FileSystemContentStore
    private let temporaryPath: String
    private let state: Mutex<State>
    private let written = Atomic<Int64>(0)

    /// Creates the temporary file; blocks, so it runs on the thread pool.
    init(store: FileSystemContentStore) throws(ContentStoreError) {
        self.store = store
        let name = String(UInt64.random(in: .min ... .max), radix: 16) + String(UInt64.random(in: .min ... .max), radix: 16)
        temporaryPath = store.temporaryDirectory + "/" + name + ".part"
        // 0600: documents can be confidential, and only this process reads them.
        let fd = try POSIX.openFile(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        state = Mutex(State(phase: .open(fd)))
    }

    deinit {
        // Dropped without finish or abort (a cancelled request): leave no temporary file behind.
        state.withLock { state in
            if case .open(let fd) = state.phase {
                POSIX.closeFile(fd)
                _ = try? POSIX.removeFile(temporaryPath)
            }
        }
    }

    var size: Int64 { written.load(ordering: .relaxed) }

    func write(_ bytes: ByteBuffer) async throws {
        guard bytes.readableBytes > 0 else { return }
        try await store.threadPool.runIfActive { [self] in
            try state.withLock { (state) throws(ContentStoreError) in
                guard case .open(let fd) = state.phase else { throw .writerClosed }
                try bytes.withUnsafeReadableBytes { (raw) throws(ContentStoreError) in
                    try POSIX.writeAll(fd, raw, path: temporaryPath)
                    state.hasher.update(bufferPointer: raw)
                }
            }
            written.add(Int64(bytes.readableBytes), ordering: .relaxed)
        }
    }

    func finish() async throws -> ContentDigest {
        try await store.threadPool.runIfActive { [self] in
            try state.withLock { (state) throws(ContentStoreError) -> ContentDigest in
                switch state.phase {
                case .finished(let digest): return digest
                case .failed, .aborted: throw .writerClosed
                case .open(let fd):
                    state.phase = .failed
                    let digest = ContentDigest(sha256: Self.hex(state.hasher.finalize()), size: size)
                    defer { POSIX.closeFile(fd) }
                    try store.place(temporaryPath, sha256: digest.sha256, size: digest.size) { () throws(ContentStoreError) in
                        try POSIX.syncFile(fd, path: temporaryPath)
                    }
                    state.phase = .finished(digest)
                    return digest
                }
            }
        }
    }

    func abort() async {
        let discard: @Sendable () -> Void = { [self] in
            state.withLock { state in
                switch state.phase {
                case .finished, .aborted: return
                case .open(let fd): POSIX.closeFile(fd)
                case .failed: break
                }
                state.phase = .aborted
                _ = try? POSIX.removeFile(temporaryPath)
            }
        }
        // Unlinking a large file can take a while; off the caller's thread when the pool still runs.
        if (try? await store.threadPool.runIfActive(discard)) == nil { discard() }
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
