import EventStore
import Foundation
import Logging
import PostgresNIO

/// Imported events waiting to be written: inserted with one statement per batch (arrays unnested), their
/// streams upserted, then handed to the projectors as a replay would.
struct ImportBatch {
    private var positions: [Int64] = [], streamIDs: [String] = [], versions: [Int64] = [], eventIDs: [UUID] = []
    private var types: [String] = [], schemaVersions: [Int64] = [], data: [String] = [], metadata: [String] = []
    private var recordedAt: [String] = [], payloadSHA256: [String] = [], hashes: [String] = []
    private var replay: [AppendedEvent] = []
    /// Per stream: its category, highest version and first time, for `es.streams`.
    private var streams: [String: (category: String, version: Int64, created: String)] = [:]

    var count: Int { positions.count }

    mutating func add(_ event: ImportedEvent, line: Int) throws(LogArchiveError) {
        let row = event.row
        let streamID = String(decoding: row.streamID.readableBytesView, as: UTF8.self)
        let type = String(decoding: row.type.readableBytesView, as: UTF8.self)
        let decoded: EventMetadata
        do {
            decoded = try JSONCoding.decoder.decode(EventMetadata.self, from: Data(event.metadataText.utf8))
        } catch {
            throw .badLine(line: line, "metadata is not event metadata: \(error)")
        }
        positions.append(row.position)
        streamIDs.append(streamID)
        versions.append(row.version)
        eventIDs.append(row.eventID)
        types.append(type)
        schemaVersions.append(row.schemaVersion)
        data.append(event.dataText ?? "")  // "" (never JSON) stands for a destroyed payload
        metadata.append(event.metadataText)
        recordedAt.append(event.recordedAt)
        payloadSHA256.append(ExportLine.hex(row.payloadSHA256.readableBytesView))
        hashes.append(ExportLine.hex(row.hash.readableBytesView))
        let recorded = RecordedEvent(
            position: row.position, streamID: streamID, version: row.version, eventID: row.eventID, type: type,
            schemaVersion: Int(row.schemaVersion), data: event.dataText ?? "null", metadata: decoded, recordedAt: Date(timeIntervalSince1970: Double(row.recordedMicros) / 1e6))
        replay.append(AppendedEvent(replaying: recorded))
        let known = streams[streamID]
        streams[streamID] = (StreamName.category(of: streamID), max(known?.version ?? 0, row.version), known?.created ?? event.recordedAt)
    }

    mutating func flush(connection: PostgresConnection, projectors: [any InlineProjector], logger: Logger) async throws {
        guard count > 0 else { return }
        try await connection.query(
            """
            INSERT INTO es.events (position, stream_id, version, event_id, event_type, schema_version, data, metadata, recorded_at,
                                   payload_sha256, hash)
            SELECT p, s, v, e, t, sv, nullif(d, '')::jsonb, m::jsonb, r::timestamptz, decode(ps, 'hex'), decode(h, 'hex')
            FROM unnest(\(positions), \(streamIDs), \(versions), \(eventIDs), \(types), \(schemaVersions), \(data), \(metadata),
                        \(recordedAt), \(payloadSHA256), \(hashes)) AS u(p, s, v, e, t, sv, d, m, r, ps, h)
            """, logger: logger)
        let ids = Array(streams.keys)
        let categories = ids.map { streams[$0]!.category }, streamVersions = ids.map { streams[$0]!.version }
        let created = ids.map { streams[$0]!.created }
        try await connection.query(
            """
            INSERT INTO es.streams (stream_id, category, version, created_at)
            SELECT s, c, v, t::timestamptz FROM unnest(\(ids), \(categories), \(streamVersions), \(created)) AS u(s, c, v, t)
            ON CONFLICT (stream_id) DO UPDATE SET version = greatest(es.streams.version, excluded.version)
            """, logger: logger)
        for projector in projectors { try await projector.apply(replay, connection: connection, logger: logger) }
        self = ImportBatch()
    }
}
