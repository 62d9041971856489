import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps `zaken.zaken` and `zaken.resources` in step with the zaak streams, inline: each event writes its
/// resource's JSON, then the zaak's derived fields and its zaak-detail document are refreshed in SQL.
public struct ZaakProjector: InlineProjector {
    public let name = "zaken"

    public init() {}

    public func apply(_ appended: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        var touched: [UUID] = []
        var versions: [UUID: Int64] = [:]
        for event in appended {
            // Payloads removed by archival destruction are skipped on a rebuild; the destruction event removes the rows.
            guard event.data != ZaakResource.destroyedPayload, let (resource, action) = ZaakResource.of(eventType: event.type),
                let zaak = StreamName.id(of: event.streamID, category: ZaakResource.streamCategory).flatMap(UUID.init(uuidString:))
            else { continue }
            let payload = try event.decode(ZaakEvent.self)
            versions[zaak] = event.version
            let state = try payload.state.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            switch (resource, action, state) {
            case (.zaak, "deleted", _), (.zaak, _, nil):
                // Its hoofdzaak's `deelzaken` changes too.
                let rows = try await connection.query(
                    "DELETE FROM zaken.zaken WHERE uuid = \(zaak) RETURNING hoofdzaak", logger: logger
                ).collect()
                try await connection.query("DELETE FROM zaken.resources WHERE zaak = \(zaak)", logger: logger)
                touched += rows.compactMap { try? $0.decode(UUID?.self) }
            case (.zaak, _, let state?):
                let rows = try await connection.query(
                    """
                    INSERT INTO zaken.zaken AS z (uuid, representation, stream_version) VALUES (\(zaak), \(state)::jsonb, \(event.version))
                    ON CONFLICT (uuid) DO UPDATE SET representation = excluded.representation, stream_version = excluded.stream_version
                    RETURNING hoofdzaak
                    """, logger: logger
                ).collect()
                touched += [zaak] + rows.compactMap { try? $0.decode(UUID?.self) }
            case (_, "deleted", _), (_, _, nil):
                try await connection.query("DELETE FROM zaken.resources WHERE uuid = \(payload.uuid)", logger: logger)
                touched.append(zaak)
            case (_, _, let state?):
                try await connection.query(
                    """
                    INSERT INTO zaken.resources (uuid, zaak, kind, representation, stream_version)
                    VALUES (\(payload.uuid), \(zaak), \(resource.rawValue), \(state)::jsonb, \(event.version))
                    ON CONFLICT (uuid) DO UPDATE SET representation = excluded.representation, stream_version = excluded.stream_version
                    """, logger: logger)
                touched.append(zaak)
            }
        }
        var seen = Set<UUID>()
        for zaak in touched where seen.insert(zaak).inserted {
            // The stream's version, for appends from other aggregates' commands (a besluit's zaakbesluit).
            if let version = versions[zaak] {
                try await connection.query("UPDATE zaken.zaken SET stream_version = \(version) WHERE uuid = \(zaak)", logger: logger)
            }
            try await Self.refresh(zaak, connection: connection, logger: logger)
        }
    }

    /// Recomputes what a zaak's resources derive from each other: the latest status
    /// (`indicatieLaatstGezetteStatus`, `Zaak.status`), the zaak's lists of its resources and deelzaken, the
    /// statussen a rol set and the ZIOs of a status, and the zaak-detail document.
    static func refresh(_ zaak: UUID, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            WITH latest AS (
                SELECT uuid FROM zaken.resources WHERE zaak = \(zaak) AND kind = 'status'
                ORDER BY representation->>'datumStatusGezet' DESC, created_position DESC LIMIT 1)
            UPDATE zaken.resources r SET representation = CASE r.kind
                WHEN 'status' THEN jsonb_set(r.representation, '{indicatieLaatstGezetteStatus}', to_jsonb(r.uuid = (SELECT uuid FROM latest)))
                    || jsonb_build_object('zaakinformatieobjecten', coalesce((
                        SELECT jsonb_agg(z.representation->'url' ORDER BY z.created_position) FROM zaken.resources z
                        WHERE z.zaak = r.zaak AND z.kind = 'zaakinformatieobject' AND z.representation->'status' = r.representation->'url'), '[]'))
                ELSE r.representation || jsonb_build_object('statussen', coalesce((
                        SELECT jsonb_agg(s.representation->'url' ORDER BY s.created_position) FROM zaken.resources s
                        WHERE s.zaak = r.zaak AND s.kind = 'status' AND s.representation->'gezetdoor' = r.representation->'url'), '[]'))
                END
            WHERE r.zaak = \(zaak) AND r.kind IN ('status', 'rol')
            """, logger: logger)
        try await connection.query(
            """
            UPDATE zaken.zaken z SET
                representation = z.representation || jsonb_build_object(
                    'status', (SELECT representation->'url' FROM zaken.resources WHERE zaak = z.uuid AND kind = 'status'
                               ORDER BY representation->>'datumStatusGezet' DESC, created_position DESC LIMIT 1),
                    'resultaat', (SELECT representation->'url' FROM zaken.resources WHERE zaak = z.uuid AND kind = 'resultaat' LIMIT 1),
                    'rollen', coalesce((SELECT jsonb_agg(representation->'url' ORDER BY created_position) FROM zaken.resources WHERE zaak = z.uuid AND kind = 'rol'), '[]'),
                    'eigenschappen', coalesce((SELECT jsonb_agg(representation->'url' ORDER BY created_position) FROM zaken.resources WHERE zaak = z.uuid AND kind = 'zaakeigenschap'), '[]'),
                    'zaakobjecten', coalesce((SELECT jsonb_agg(representation->'url' ORDER BY created_position) FROM zaken.resources WHERE zaak = z.uuid AND kind = 'zaakobject'), '[]'),
                    'zaakinformatieobjecten', coalesce((SELECT jsonb_agg(representation->'url' ORDER BY created_position) FROM zaken.resources WHERE zaak = z.uuid AND kind = 'zaakinformatieobject'), '[]'),
                    'deelzaken', coalesce((SELECT jsonb_agg(d.representation->'url' ORDER BY d.created_position) FROM zaken.zaken d WHERE d.hoofdzaak = z.uuid), '[]')),
                detail = coalesce((
                    SELECT jsonb_object_agg(kind, items) FROM (
                        SELECT kind, jsonb_agg(representation ORDER BY created_position) AS items FROM zaken.resources WHERE zaak = z.uuid GROUP BY kind) AS grouped), '{}')
            WHERE z.uuid = \(zaak)
            """, logger: logger)
    }
}
