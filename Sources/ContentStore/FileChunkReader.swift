#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOPosix
import Synchronization

/// The state behind one `ContentChunks` from the filesystem: opens the object on the first chunk, reads it with
/// pread in `chunkSize` buffers on the thread pool, closes it at the end of the range or when dropped early.
final class FileChunkReader: Sendable {
    private struct State {
        var fd: CInt?
        var offset: Int64
        var done = false
    }

    private let path: String
    private let sha256: String
    private let end: Int64
    private let chunkSize: Int
    private let threadPool: NIOThreadPool
    private let state: Mutex<State>

    init(path: String, sha256: String, range: Range<Int64>, chunkSize: Int, threadPool: NIOThreadPool) {
        self.path = path
        self.sha256 = sha256
        self.end = range.upperBound
        self.chunkSize = chunkSize
        self.threadPool = threadPool
        state = Mutex(State(offset: range.lowerBound, done: range.isEmpty))
    }

    deinit {
        // A response abandoned mid-stream must not leak the descriptor.
        state.withLock { state in
            if let fd = state.fd { POSIX.closeFile(fd) }
        }
    }

    func next() async throws -> ByteBuffer? {
        if state.withLock({ $0.done }) { return nil }
        return try await threadPool.runIfActive { [self] in try readChunk() }
    }

    private func readChunk() throws(ContentStoreError) -> ByteBuffer? {
        try state.withLock { (state) throws(ContentStoreError) -> ByteBuffer? in
            if state.done { return nil }
            let fd: CInt
            if let open = state.fd {
                fd = open
            } else {
                do throws(ContentStoreError) {
                    fd = try POSIX.openFile(path, O_RDONLY)
                } catch {
                    // Removed since `read` checked: the same clear error as then.
                    state.done = true
                    if case .io(_, _, ENOENT) = error { throw .missing(sha256: sha256) }
                    throw error
                }
                state.fd = fd
            }
            let count = Int(min(Int64(chunkSize), end - state.offset))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            let offset = state.offset
            let read = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { (raw) throws(ContentStoreError) in
                try POSIX.readAt(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw.prefix(count)), offset: offset, path: path)
            }
            state.offset += Int64(read)
            if read < count || state.offset == end {
                POSIX.closeFile(fd)
                state.fd = nil
                state.done = true
                if read < count { throw .unexpectedEnd(path: path, offset: state.offset) }
            }
            return buffer
        }
    }
}
