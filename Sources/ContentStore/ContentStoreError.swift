/// Why a content store operation failed. `missing` is the one callers act on (a 404 or a broken reference); the
/// others are server faults that a log line must explain, so they carry the path and errno.
public enum ContentStoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No content is stored under this sha256.
    case missing(sha256: String)
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// Not 64 lowercase hex digits; refused before it can become a path (no `../` tricks).
    case invalidDigest(String)
    /// The requested range does not lie within the stored bytes.
    case invalidRange(lower: Int64, upper: Int64, size: Int64)
    /// The stored file ended before the bytes it should hold (truncated on disk).
    case unexpectedEnd(path: String, offset: Int64)
    /// `write` or `finish` after the writer was finished or aborted.
    case writerClosed

    public var description: String {
        switch self {
        case .missing(let sha256):
            return "no content stored with sha256 \(sha256)"
        case .io(let operation, let path, let errno):
            return "\(operation) \(path): \(POSIX.message(errno)) (errno \(errno))"
        case .invalidDigest(let value):
            return "not a sha256 digest (64 lowercase hex digits): \(value.prefix(80))"
        case .invalidRange(let lower, let upper, let size):
            return "range \(lower)..<\(upper) is outside the \(size) stored bytes"
        case .unexpectedEnd(let path, let offset):
            return "\(path) ends at \(offset), before the bytes asked for"
        case .writerClosed:
            return "the content writer was already finished or aborted"
        }
    }
}
