/// A failure to find, initialise, start or stop the embedded PostgreSQL; the message says what to do.
public struct EmbeddedPostgresError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
