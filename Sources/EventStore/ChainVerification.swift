/// The outcome of `EventStore.verify`.
public enum ChainVerification: Sendable, Equatable {
    /// Every event in the range re-hashed to its stored hash.
    case intact(events: Int64, lastPosition: Int64)
    /// The first position where the chain breaks, and why.
    case broken(position: Int64, reason: Reason)

    public enum Reason: String, Sendable, Equatable {
        /// The payload no longer hashes to the stored payload digest.
        case payloadAltered = "payload altered"
        /// The event's fields or the previous link no longer give the stored hash.
        case hashMismatch = "hash mismatch"
        /// A position is missing (a deleted row).
        case missingEvent = "missing event"
        /// The log head names a hash or position the last event does not have (rows removed at the end).
        case headMismatch = "log head mismatch"
    }

    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }
}
