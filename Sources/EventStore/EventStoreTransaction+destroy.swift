import PostgresNIO

extension EventStoreTransaction {
    /// Archival destruction: removes the payloads of every event of `streamID` (they read as `null` from then on).
    /// Positions, metadata, payload digests and chain hashes stay, so the log still verifies. Returns how many
    /// payloads were removed. Append a record of who destroyed it in the same transaction.
    public func destroyPayloads(of streamID: String) async throws -> Int {
        try await connection.query("SET LOCAL zaakstroom.destruction = 'on'", logger: logger)
        let rows = try await connection.query(
            "UPDATE es.events SET data = NULL WHERE stream_id = \(streamID) AND data IS NOT NULL RETURNING position", logger: logger
        ).collect()
        try await connection.query("SET LOCAL zaakstroom.destruction = 'off'", logger: logger)
        return rows.count
    }
}
