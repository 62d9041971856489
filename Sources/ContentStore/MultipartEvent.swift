import NIOCore

/// What a `MultipartStreamParser` reports, in body order: each part is `partBegin`, any number of `partData`,
/// then `partEnd`.
public enum MultipartEvent: Equatable, Sendable {
    /// A part's headers: the `name` and optional `filename` of its Content-Disposition, and its Content-Type.
    case partBegin(name: String, filename: String?, contentType: String?)
    /// Bytes of the current part (slices of the fed buffers where possible).
    case partData(ByteBuffer)
    case partEnd
}

/// Why a multipart body could not be parsed.
public enum MultipartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A part's header block is larger than the limit.
    case headersTooLarge(limit: Int)
    /// A header line without a colon, or a part without `Content-Disposition: form-data; name=…`.
    case malformedHeaders(String)
    /// Something other than white space or `--` after a boundary on its line.
    case malformedBoundaryLine
    /// The body ended before its closing boundary.
    case truncated

    public var description: String {
        switch self {
        case .headersTooLarge(let limit): return "a multipart part's headers are larger than \(limit) bytes"
        case .malformedHeaders(let reason): return "malformed multipart part headers: \(reason)"
        case .malformedBoundaryLine: return "unexpected characters after a multipart boundary"
        case .truncated: return "the multipart body ends before its closing boundary"
        }
    }
}
