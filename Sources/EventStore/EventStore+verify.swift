import Foundation
import PostgresNIO
import Synchronization

extension EventStore {
    /// Recomputes the hash chain over positions `from...to` (default: the whole log) and names the first
    /// position where it breaks. Large ranges are split into `segments` ranges verified at once on their own
    /// connections (default: one per core); `progress(done, total)` is called as events are verified. Without
    /// `payloads`, only the links are checked (see `ChainVerifier.verify`).
    public func verify(
        from: Int64 = 1, to: Int64? = nil, segments: Int? = nil, payloads: Bool = true,
        progress: (@Sendable (Int64, Int64) -> Void)? = nil
    ) async throws -> ChainVerification {
        let start = max(from, 1)
        let head = try await headState()
        let end = min(to ?? head.position, head.position)
        guard start <= end else {
            return end == head.position && head.position == 0 && head.hash != HashChain.genesis
                ? .broken(position: 0, reason: .headMismatch) : .intact(events: 0, lastPosition: max(0, start - 1))
        }
        let total = end - start + 1
        let count = Int64(max(1, min(segments ?? (total >= 100_000 ? ProcessInfo.processInfo.activeProcessorCount : 1), Int(total))))
        let bounds = (0..<count).map { index in
            (start + total * index / count)...(start + total * (index + 1) / count - 1)
        }
        let done = VerifiedCount()
        let verifier = ChainVerifier(logger: logger)
        let results = try await withThrowingTaskGroup(of: (Int, Result<[UInt8], ChainVerifier.Break>).self) { group in
            for (index, range) in bounds.enumerated() {
                group.addTask {
                    try await client.withConnection { connection in
                        guard let previous = try await storedHash(before: range.lowerBound, connection: connection) else {
                            return (index, .failure(ChainVerifier.Break(position: range.lowerBound - 1, reason: .missingEvent)))
                        }
                        return (index, try await verifier.verify(range, previous: previous, payloads: payloads, connection: connection) { verified in
                            let sum = done.value.add(Int64(verified), ordering: .relaxed).newValue
                            progress?(sum, total)
                        })
                    }
                }
            }
            var results = [Result<[UInt8], ChainVerifier.Break>?](repeating: nil, count: bounds.count)
            for try await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        // The first break of the first broken range; a range before it that verified vouches for its start.
        for result in results {
            if case .failure(let broken) = result { return .broken(position: broken.position, reason: broken.reason) }
        }
        if end == head.position, case .success(let last)? = results.last, last != head.hash {
            return .broken(position: head.position, reason: .headMismatch)
        }
        return .intact(events: total, lastPosition: end)
    }

    /// The stored hash of the event before `position` (the genesis before 1); nil when that event is missing.
    func storedHash(before position: Int64, connection: PostgresConnection) async throws -> [UInt8]? {
        guard position > 1 else { return HashChain.genesis }
        let rows = try await connection.query("SELECT hash FROM es.events WHERE position = \(position - 1)", logger: logger)
        return try await rows.collect().first.map { Array(try $0.decode(Data.self)) }
    }

    func headState() async throws -> (position: Int64, hash: [UInt8]) {
        let rows = try await client.query("SELECT position, hash FROM es.log_head WHERE id = 1", logger: logger)
        guard let row = try await rows.collect().first else { return (0, HashChain.genesis) }
        let (position, hash) = try row.decode((Int64, Data).self)
        return (position, Array(hash))
    }
}

/// Events verified so far, over all ranges.
private final class VerifiedCount: Sendable {
    let value = Atomic<Int64>(0)
}
