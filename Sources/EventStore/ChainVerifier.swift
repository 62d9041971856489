import Crypto
import Foundation
import Logging
import PostgresNIO

/// Verifies one contiguous range of the log on one connection, streaming its rows (the server reads ahead
/// while this hashes). Ranges are independent given the stored hash before them, so `EventStore.verify`
/// runs several at once; the first break of the first broken range is the first break of the log.
public struct ChainVerifier: Sendable {
    public let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    /// Checks positions `range` starting from `previous` (the stored hash before it); `counted(n)` is called
    /// every `every` events. Returns the hash of the last event, or where and why the chain breaks. Without
    /// `payloads`, each event's stored payload digest is taken as it is (the links still cover it): an altered
    /// payload whose digest was left alone is then not found.
    public func verify(
        _ range: ClosedRange<Int64>, previous: [UInt8], payloads: Bool = true, connection: PostgresConnection, every: Int = 50_000,
        counted: (Int) -> Void = { _ in }
    ) async throws -> Result<[UInt8], Break> {
        var expected = range.lowerBound
        var previous = previous
        var hasher = ChainHasher()
        var sinceReport = 0
        let rows = try await connection.query(
            """
            SELECT \(unescaped: payloads ? ChainRow.columns : ChainRow.linkColumns) FROM es.events
            WHERE position >= \(range.lowerBound) AND position <= \(range.upperBound) ORDER BY position
            """, logger: logger)
        for try await postgresRow in rows {
            let row = try ChainRow(postgresRow)
            guard row.position == expected else { return .failure(Break(position: expected, reason: .missingEvent)) }
            if let data = row.data, !ChainHasher.payloadDigest(data).elementsEqual(row.payloadSHA256.readableBytesView) {
                return .failure(Break(position: row.position, reason: .payloadAltered))
            }
            let link = hasher.link(previous: previous, row)
            guard link.elementsEqual(row.hash.readableBytesView) else { return .failure(Break(position: row.position, reason: .hashMismatch)) }
            previous = Array(row.hash.readableBytesView)
            expected += 1
            sinceReport += 1
            if sinceReport == every {
                counted(sinceReport)
                sinceReport = 0
            }
        }
        counted(sinceReport)
        guard expected > range.upperBound else { return .failure(Break(position: expected, reason: .missingEvent)) }
        return .success(previous)
    }

    /// Where a range's chain breaks.
    public struct Break: Error, Sendable, Equatable {
        public let position: Int64
        public let reason: ChainVerification.Reason
    }
}
