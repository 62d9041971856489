import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps `zaken.zaken` and `zaken.resources` in step with the zaak streams, inline: the events' resource JSON is
/// written (folded per row, see `ZaakChanges`), then the touched zaken's derived fields and zaak-detail
/// documents are refreshed in SQL, all zaken of the batch at once.
public struct ZaakProjector: InlineProjector {
    public let name = "zaken"

    public init() {}

    public func apply(_ appended: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        var changes = ZaakChanges()
        let encoder = JSONEncoder()
        for event in appended {
            // Payloads removed by archival destruction are skipped on a rebuild; the destruction event removes the rows.
            guard event.data != ZaakResource.destroyedPayload, let (resource, action) = ZaakResource.of(eventType: event.type),
                let zaak = StreamName.id(of: event.streamID, category: ZaakResource.streamCategory).flatMap(UUID.init(uuidString:))
            else { continue }
            let payload = try event.decode(ZaakEvent.self)
            changes.streamVersion(of: zaak, is: event.version)
            let state = try payload.state.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            switch (resource, action, state) {
            case (.zaak, "deleted", _), (.zaak, _, nil):
                changes.deleteZaak(zaak)
            case (.zaak, _, let state?):
                changes.upsertZaak(zaak, state: state, version: event.version)
            case (_, "deleted", _), (_, _, nil):
                changes.deleteResource(payload.uuid, zaak: zaak)
            case (_, _, let state?):
                changes.upsertResource(payload.uuid, zaak: zaak, kind: resource.rawValue, state: state, version: event.version)
            }
        }
        let touched = try await changes.write(connection: connection, logger: logger)
        if !touched.isEmpty { try await Self.refresh(touched, connection: connection, logger: logger) }
    }

    /// Recomputes what a zaak's resources derive from each other: the latest status
    /// (`indicatieLaatstGezetteStatus`, `Zaak.status`), the zaak's lists of its resources and deelzaken, the
    /// statussen a rol set and the ZIOs of a status, and the zaak-detail document.
    static func refresh(_ zaken: [UUID], connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            WITH latest AS (
                SELECT DISTINCT ON (zaak) zaak, uuid FROM zaken.resources WHERE zaak = ANY(\(zaken)) AND kind = 'status'
                ORDER BY zaak, representation->>'datumStatusGezet' DESC, created_position DESC)
            UPDATE zaken.resources r SET representation = CASE r.kind
                WHEN 'status' THEN jsonb_set(r.representation, '{indicatieLaatstGezetteStatus}',
                    to_jsonb(r.uuid = (SELECT l.uuid FROM latest l WHERE l.zaak = r.zaak)))
                    || jsonb_build_object('zaakinformatieobjecten', coalesce((
                        SELECT jsonb_agg(z.representation->'url' ORDER BY z.created_position) FROM zaken.resources z
                        WHERE z.zaak = r.zaak AND z.kind = 'zaakinformatieobject' AND z.representation->'status' = r.representation->'url'), '[]'))
                ELSE r.representation || jsonb_build_object('statussen', coalesce((
                        SELECT jsonb_agg(s.representation->'url' ORDER BY s.created_position) FROM zaken.resources s
                        WHERE s.zaak = r.zaak AND s.kind = 'status' AND s.representation->'gezetdoor' = r.representation->'url'), '[]'))
                END
            WHERE r.zaak = ANY(\(zaken)) AND r.kind IN ('status', 'rol')
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
            WHERE z.uuid = ANY(\(zaken))
            """, logger: logger)
    }
}
