/// Why a JSON body could not be split into its `inhoud` bytes and the rest. `invalidBase64` is the client's
/// `inhoud` value and deserves a 400 on that field; the others are about the body as a whole.
public enum JSONInhoudError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The body is not a JSON object (empty, or starting with something other than `{`).
    case notAnObject
    /// A structural mistake the scanner can see, at this byte offset of the body.
    case malformed(offset: Int64, reason: String)
    /// The body ended inside a string or before its object closed.
    case truncated
    /// The `inhoud` string is not valid base64; the offset counts its characters (after JSON unescaping).
    case invalidBase64(offset: Int)
    /// The JSON without `inhoud` is larger than the limit.
    case tooLarge(limit: Int)
    /// The top-level object names `inhoud` twice.
    case duplicateInhoud

    public var description: String {
        switch self {
        case .notAnObject: return "the body is not a JSON object"
        case .malformed(let offset, let reason): return "malformed JSON at byte \(offset): \(reason)"
        case .truncated: return "the JSON body ends before its object is complete"
        case .invalidBase64(let offset): return "inhoud is not valid base64 (character \(offset))"
        case .tooLarge(let limit): return "the JSON body without inhoud is larger than \(limit) bytes"
        case .duplicateInhoud: return "the JSON object has more than one inhoud member"
        }
    }
}
