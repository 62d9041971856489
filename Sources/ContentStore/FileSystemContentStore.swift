import NIOCore
import NIOPosix

/// Content on the local filesystem, one file per sha256 at `objects/ab/cdef…` (two hex digits of fan-out keep each
/// directory small). New content is written to `tmp/` and renamed into place once complete and fsynced, so an
/// object path only ever holds whole, durable content. The blocking system calls run on `threadPool`, never on an
/// event loop or the cooperative pool.
public struct FileSystemContentStore: ContentStore {
    public let directory: String
    /// Bytes per buffer when reading.
    public let chunkSize: Int
    let threadPool: NIOThreadPool

    var objectsDirectory: String { directory + "/objects" }
    var temporaryDirectory: String { directory + "/tmp" }

    /// Creates `directory` (and its parents), `objects/` and `tmp/` when they are missing.
    public init(directory: String, chunkSize: Int = 256 * 1024, threadPool: NIOThreadPool = .singleton) throws {
        precondition(chunkSize > 0, "chunkSize must be positive")
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
        self.chunkSize = chunkSize
        self.threadPool = threadPool
        try Self.makeDirectories(trimmed)
        try POSIX.makeDirectory(objectsDirectory)
        try POSIX.makeDirectory(temporaryDirectory)
    }

    public func makeWriter() async throws -> any ContentWriter {
        try await threadPool.runIfActive { try FileSystemContentWriter(store: self) }
    }

    /// Checks now that the object exists (so a missing one is a clear error before any response starts); the file
    /// itself is opened on the first chunk. The chunks are a single pass: iterate them once.
    public func read(_ digest: ContentDigest, range: Range<Int64>? = nil) throws -> ContentChunks {
        let path = try objectPath(digest.sha256)
        guard let status = try POSIX.fileStatus(path) else { throw ContentStoreError.missing(sha256: digest.sha256) }
        let bounds = range ?? 0..<status.size
        guard bounds.lowerBound >= 0, bounds.upperBound <= status.size else {
            throw ContentStoreError.invalidRange(lower: bounds.lowerBound, upper: bounds.upperBound, size: status.size)
        }
        let reader = FileChunkReader(
            path: path, sha256: digest.sha256, range: bounds, chunkSize: chunkSize, threadPool: threadPool
        )
        return ContentChunks { try await reader.next() }
    }

    public func contains(_ sha256: String) -> Bool {
        guard let path = try? objectPath(sha256) else { return false }
        return (try? POSIX.fileStatus(path)) != nil
    }

    public func remove(_ sha256: String) async throws {
        let path = try objectPath(sha256)
        _ = try await threadPool.runIfActive { try POSIX.removeFile(path) }
    }

    /// Streams each part into one new writer, a chunk at a time, so memory stays at one chunk whatever the sizes.
    public func concatenate(_ parts: [ContentDigest]) async throws -> ContentDigest {
        // Open every part first: a missing one fails before anything is written.
        let sources = try parts.map { try read($0, range: nil) }
        let writer = try await makeWriter()
        do {
            for source in sources {
                for try await chunk in source { try await writer.write(chunk) }
            }
            return try await writer.finish()
        } catch {
            await writer.abort()
            throw error
        }
    }

    /// Removes what writers left in `tmp/` when the process died before `finish` or `abort`. `age` must exceed the
    /// longest pause of a live upload, whose file would otherwise be pulled from under it. Returns how many went.
    @discardableResult
    public func sweepTemporaryFiles(olderThan age: Duration) async throws -> Int {
        let directory = temporaryDirectory
        return try await threadPool.runIfActive {
            let cutoff = POSIX.now() - age
            var removed = 0
            for name in try POSIX.listDirectory(directory) {
                let path = directory + "/" + name
                guard let status = try POSIX.fileStatus(path), status.modified < cutoff else { continue }
                if try POSIX.removeFile(path) { removed += 1 }
            }
            return removed
        }
    }

    /// `objects/ab/cdef…` for a valid sha256; anything else is refused so it can never name another path.
    func objectPath(_ sha256: String) throws(ContentStoreError) -> String {
        guard Self.isSHA256(sha256) else { throw .invalidDigest(sha256) }
        return objectsDirectory + "/" + sha256.prefix(2) + "/" + sha256.dropFirst(2)
    }

    /// Moves a complete temporary file to the object path of `sha256`. Content already stored whole is kept and the
    /// temporary file dropped (dedup); `sync` runs only when the file is really moved in.
    func place(_ temporaryPath: String, sha256: String, size: Int64, sync: () throws(ContentStoreError) -> Void) throws(ContentStoreError) {
        let fanOut = objectsDirectory + "/" + sha256.prefix(2)
        let target = fanOut + "/" + sha256.dropFirst(2)
        if let existing = try POSIX.fileStatus(target), existing.size == size {
            try POSIX.removeFile(temporaryPath)
            return
        }
        try sync()
        if try POSIX.makeDirectory(fanOut) { try POSIX.syncDirectory(objectsDirectory) }
        try POSIX.renameFile(temporaryPath, to: target)
        try POSIX.syncDirectory(fanOut)
    }

    static func isSHA256(_ value: String) -> Bool {
        value.utf8.count == 64 && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func makeDirectories(_ path: String) throws(ContentStoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            try POSIX.makeDirectory(prefix)
        }
    }
}
