import Foundation
import PostgresNIO

extension EventStore {
    /// Recomputes the hash chain over positions `from...to` (default: the whole log) and names the first
    /// position where it breaks. `progress` is called after each batch with the last verified position.
    public func verify(
        from: Int64 = 1, to: Int64? = nil, batchSize: Int = 10_000,
        progress: (@Sendable (Int64) -> Void)? = nil
    ) async throws -> ChainVerification {
        let start = max(from, 1)
        let head = try await headState()
        let end = min(to ?? head.position, head.position)
        var previous = HashChain.genesis
        if start > 1 {
            let rows = try await client.query("SELECT hash FROM es.events WHERE position = \(start - 1)", logger: logger)
            guard let hash = try await rows.collect().first?.decode(Data.self) else {
                return .broken(position: start - 1, reason: .missingEvent)
            }
            previous = Array(hash)
        }
        var expected = start
        var count: Int64 = 0
        while expected <= end {
            // A tight range (positions are gap-free): with `position <= end` alone the planner, misjudging the
            // row count, sorted the whole rest of the log for every batch.
            let upper = min(end, expected + Int64(batchSize) - 1)
            let rows = try await client.query(
                """
                SELECT position, stream_id, version, event_id, event_type, schema_version,
                       (extract(epoch FROM recorded_at) * 1000000)::bigint, metadata::text, data::text, payload_sha256, hash
                FROM es.events WHERE position >= \(expected) AND position <= \(upper) ORDER BY position
                """, logger: logger)
            var sawAny = false
            for try await row in rows.decode((Int64, String, Int64, UUID, String, Int32, Int64, String, String?, Data, Data).self) {
                sawAny = true
                let (position, streamID, version, eventID, type, schemaVersion, micros, metadata, data, payloadData, hashData) = row
                let payloadSHA = Array(payloadData), hash = Array(hashData)
                guard position == expected else { return .broken(position: expected, reason: .missingEvent) }
                if let data, HashChain.payloadDigest(data) != payloadSHA {
                    return .broken(position: position, reason: .payloadAltered)
                }
                let digest = HashChain.eventDigest(
                    position: position, streamID: streamID, version: version, eventID: eventID, type: type,
                    schemaVersion: Int64(schemaVersion), recordedMicros: micros, metadataText: metadata, payloadSHA256: payloadSHA)
                let link = HashChain.link(previous: previous, digest: digest)
                guard link == hash else { return .broken(position: position, reason: .hashMismatch) }
                previous = hash
                expected += 1
                count += 1
            }
            guard sawAny else { return .broken(position: expected, reason: .missingEvent) }
            progress?(expected - 1)
        }
        if end == head.position, previous != head.hash || expected - 1 != head.position {
            return .broken(position: head.position, reason: .headMismatch)
        }
        return .intact(events: count, lastPosition: expected - 1)
    }

    private func headState() async throws -> (position: Int64, hash: [UInt8]) {
        let rows = try await client.query("SELECT position, hash FROM es.log_head WHERE id = 1", logger: logger)
        guard let row = try await rows.collect().first else { return (0, HashChain.genesis) }
        let (position, hash) = try row.decode((Int64, Data).self)
        return (position, Array(hash))
    }
}
