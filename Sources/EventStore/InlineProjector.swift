import Logging
import PostgresNIO

/// A read model updated in the same transaction as the append, so a client reads its own write.
/// Projectors key on the stream version (positions are assigned only at the end of the transaction).
public protocol InlineProjector: Sendable {
    /// A stable name, used by rebuilds and logs.
    var name: String { get }
    /// Applies freshly appended events (of any stream; ignore what is not yours).
    func apply(_ events: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws
}
