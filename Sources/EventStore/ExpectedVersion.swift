/// What the writer believes about a stream's version before its append (optimistic concurrency).
public enum ExpectedVersion: Sendable, Equatable, CustomStringConvertible {
    /// Append whatever the stream's version is; create the stream if missing.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream must exist and be at exactly this version (the number of events in it).
    case exact(Int64)

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "noStream"
        case .exact(let version): "\(version)"
        }
    }
}
