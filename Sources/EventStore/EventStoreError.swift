/// Errors of the event store. A struct with static codes (PostgresNIO's `PSQLError` style), so codes can be
/// added without breaking callers, and a `description` that never leaks payloads or SQL.
public struct EventStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable { case wrongExpectedVersion, duplicateEventID, invalidStreamID, appendOutsideTransaction, migrationFailed, appendRefused }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The stream was not at the version the caller expected (optimistic concurrency conflict).
        public static let wrongExpectedVersion = Code(.wrongExpectedVersion)
        /// An event with this id was appended before (idempotency key).
        public static let duplicateEventID = Code(.duplicateEventID)
        /// A stream id that is empty or holds control characters.
        public static let invalidStreamID = Code(.invalidStreamID)
        /// `append` was called after the transaction finished.
        public static let appendOutsideTransaction = Code(.appendOutsideTransaction)
        /// A schema migration could not be applied.
        public static let migrationFailed = Code(.migrationFailed)
        /// The database refused to change the log (UPDATE/DELETE on events).
        public static let appendRefused = Code(.appendRefused)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The stream concerned, if any.
    public let streamID: String?
    /// For `wrongExpectedVersion`: the version the caller expected.
    public let expectedVersion: ExpectedVersion?
    /// Extra context for operators; never contains payloads.
    public let detail: String?

    public init(code: Code, streamID: String? = nil, expectedVersion: ExpectedVersion? = nil, detail: String? = nil) {
        self.code = code
        self.streamID = streamID
        self.expectedVersion = expectedVersion
        self.detail = detail
    }

    public var description: String {
        var text = "EventStoreError(\(code)"
        if let streamID { text += ", stream: \(streamID)" }
        if let expectedVersion { text += ", expected: \(expectedVersion)" }
        if let detail { text += ", \(detail)" }
        return text + ")"
    }

    public static func wrongExpectedVersion(_ stream: String, _ expected: ExpectedVersion) -> EventStoreError {
        EventStoreError(code: .wrongExpectedVersion, streamID: stream, expectedVersion: expected)
    }
}
