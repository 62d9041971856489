/// One versioned schema change: an id that sorts in application order within its group, and the SQL
/// statements that make it (one statement each: the extended protocol runs one at a time).
public struct Migration: Sendable {
    /// Unique, e.g. `eventstore-0001-log`. Never renamed once released.
    public let id: String
    public let statements: [String]

    public init(id: String, statements: [String]) {
        self.id = id
        self.statements = statements
    }
}
