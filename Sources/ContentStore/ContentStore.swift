import Domain
import NIOCore

/// The sha256 (lowercase hex) and size of stored bytes: the same value the events hold (`StoredContent`).
public typealias ContentDigest = StoredContent

extension StoredContent {
    /// The digest of no bytes at all.
    public static let empty = ContentDigest(sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", size: 0)
}

/// Where document bytes live, content-addressed by sha256. Writes stream in through a `ContentWriter` and are
/// durable (fsynced, renamed into place) when `finish` returns, so an event naming the digest can be committed
/// after it. Reads stream out in chunks; nothing holds a whole file in memory.
public protocol ContentStore: Sendable {
    /// A writer for new content; `finish` stores it under its digest, `abort` leaves nothing behind.
    func makeWriter() async throws -> any ContentWriter
    /// The bytes of `digest` (or of `range` within them), in chunks.
    func read(_ digest: ContentDigest, range: Range<Int64>?) throws -> ContentChunks
    /// Whether content with this sha256 is stored.
    func contains(_ sha256: String) -> Bool
    /// Removes stored content (no error when it is not there).
    func remove(_ sha256: String) async throws
    /// Stores the concatenation of `parts`, in order, as new content (bestandsdelen merged on unlock).
    func concatenate(_ parts: [ContentDigest]) async throws -> ContentDigest
}

/// Receives the bytes of one new content, in order.
public protocol ContentWriter: AnyObject, Sendable {
    /// Bytes written so far.
    var size: Int64 { get }
    func write(_ bytes: ByteBuffer) async throws
    /// Makes the content durable and returns its digest.
    func finish() async throws -> ContentDigest
    /// Drops what was written (safe to call after a failure, and after `finish`: then it does nothing).
    func abort() async
}

/// The chunks of stored content, as an async sequence of buffers (a response body streams these).
public struct ContentChunks: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let next: @Sendable () async throws -> ByteBuffer?

    public init(next: @escaping @Sendable () async throws -> ByteBuffer?) {
        self.next = next
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let next: @Sendable () async throws -> ByteBuffer?
        public mutating func next() async throws -> ByteBuffer? { try await next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(next: next) }
}
