import Domain
import EventStore
import Logging
import PostgresNIO

/// `zaken.zaken` and `zaken.resources` from the whole log in a few set-based statements (see `BulkReplay`). The statements
/// name fixed tables and interpolate only the head position and constants.
/// Events carry their resource's complete state, so a row's final state is its last event's; it has no row when
/// that event removed it (or when a later event removed its zaak: a delete, or archival destruction, whose
/// stream's earlier payloads are gone). Rows are inserted in the order the inline projector first wrote them (the
/// first event after their last removal), so `created_position` orders the lists as it would; the derived fields
/// are computed from the staged rows with `ZaakProjector.refresh`'s expressions, and each row is written once.
struct ZakenBulkReplay: BulkReplay {
    let categories = [ZaakResource.streamCategory]

    func build(from events: String, upTo head: Int64, connection: PostgresConnection, logger: Logger) async throws {
        let indexes = try await DeferredIndexes.drop(on: ["zaken.zaken", "zaken.resources"], connection: connection, logger: logger)
        for statement in [Self.events(events, upTo: head), Self.rows, Self.states(events), "ANALYZE bulk_zaak_states", Self.resources, Self.zaken] {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
        try await indexes.restore(connection: connection, logger: logger)
        for statement in ["DROP TABLE bulk_zaak_events, bulk_zaak_rows, bulk_zaak_states", "ANALYZE zaken.zaken", "ANALYZE zaken.resources"] {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    /// The events `ZaakProjector` applies, without their payloads: a zaak stream, a zaak resource's event type, a
    /// payload not destroyed. `removal` as the projector decides it (a delete, or no state).
    static func events(_ events: String, upTo head: Int64) -> String {
        let kinds = ZaakResource.allCases.map(\.rawValue).joined(separator: "|")
        let hex = "[0-9A-Fa-f]"
        let stream = "^zaak-\(hex){8}-\(hex){4}-\(hex){4}-\(hex){4}-\(hex){12}$"
        return """
            CREATE TEMP TABLE bulk_zaak_events ON COMMIT DROP AS
            SELECT position, version, zaak, kind, CASE WHEN kind = 'zaak' THEN zaak ELSE (data->>'uuid')::uuid END AS uuid,
                   action = 'deleted' OR coalesce(data->'state', 'null') = 'null' AS removal
            FROM (SELECT position, version, substr(stream_id, 6)::uuid AS zaak, split_part(event_type, '.', 1) AS kind,
                         split_part(event_type, '.', 2) AS action, data
                  FROM \(events)
                  WHERE position <= \(head) AND stream_id ~ '\(stream)' AND event_type ~ '^(\(kinds))\\.[^.]+$'
                    AND data IS NOT NULL AND data <> 'null') AS e
            """
    }

    /// The rows that exist at the end: per resource (the zaak itself for `zaak.*`), its last event, when that is no
    /// removal and no removal of its zaak came later, and the first event since the last removal (`first`).
    static let rows = """
        CREATE TEMP TABLE bulk_zaak_rows ON COMMIT DROP AS
        WITH removed_zaken AS (
            SELECT zaak, max(position) AS at FROM bulk_zaak_events WHERE kind = 'zaak' AND removal GROUP BY zaak),
        per_row AS (
            SELECT uuid, zaak, kind, max(position) AS last, coalesce(max(position) FILTER (WHERE removal), 0) AS removed
            FROM bulk_zaak_events GROUP BY uuid, zaak, kind),
        alive AS (
            SELECT p.uuid, p.zaak, p.kind, p.last, greatest(p.removed, CASE WHEN p.kind <> 'zaak' THEN r.at END) AS since
            FROM per_row p LEFT JOIN removed_zaken r ON r.zaak = p.zaak)
        SELECT a.uuid, a.zaak, a.kind, a.last, min(e.position) AS first
        FROM alive a JOIN bulk_zaak_events e ON e.uuid = a.uuid AND e.position > a.since
        WHERE a.last > a.since
        GROUP BY a.uuid, a.zaak, a.kind, a.last
        """

    /// Each row's final state (its last event's payload) and stream version: a resource's is its last event's, a
    /// zaak's its stream's last (other aggregates append to a zaak's stream).
    static func states(_ events: String) -> String {
        """
        CREATE TEMP TABLE bulk_zaak_states ON COMMIT DROP AS
        SELECT r.uuid, r.zaak, r.kind, r.first, e.data->'state' AS representation, coalesce(v.version, e.version) AS version
        FROM bulk_zaak_rows r JOIN \(events) e ON e.position = r.last
        LEFT JOIN (SELECT zaak, max(version) AS version FROM bulk_zaak_events GROUP BY zaak) AS v ON r.kind = 'zaak' AND v.zaak = r.zaak
        """
    }

    /// Resources with their derived fields: a status's `indicatieLaatstGezetteStatus` and ZIOs, a rol's statussen.
    static let resources = """
        WITH latest AS (
            SELECT DISTINCT ON (zaak) zaak, uuid FROM bulk_zaak_states WHERE kind = 'status'
            ORDER BY zaak, representation->>'datumStatusGezet' DESC, first DESC),
        zios AS (
            SELECT zaak, representation->'status' AS status, jsonb_agg(representation->'url' ORDER BY first) AS urls
            FROM bulk_zaak_states WHERE kind = 'zaakinformatieobject' GROUP BY 1, 2),
        set_by AS (
            SELECT zaak, representation->'gezetdoor' AS rol, jsonb_agg(representation->'url' ORDER BY first) AS urls
            FROM bulk_zaak_states WHERE kind = 'status' GROUP BY 1, 2)
        INSERT INTO zaken.resources (uuid, zaak, kind, representation, stream_version)
        SELECT s.uuid, s.zaak, s.kind, CASE s.kind
                WHEN 'status' THEN jsonb_set(s.representation, '{indicatieLaatstGezetteStatus}', to_jsonb(s.uuid = l.uuid))
                    || jsonb_build_object('zaakinformatieobjecten', coalesce(z.urls, '[]'))
                WHEN 'rol' THEN s.representation || jsonb_build_object('statussen', coalesce(g.urls, '[]'))
                ELSE s.representation END,
            s.version
        FROM bulk_zaak_states s
        LEFT JOIN latest l ON s.kind = 'status' AND l.zaak = s.zaak
        LEFT JOIN zios z ON s.kind = 'status' AND z.zaak = s.zaak AND z.status = s.representation->'url'
        LEFT JOIN set_by g ON s.kind = 'rol' AND g.zaak = s.zaak AND g.rol = s.representation->'url'
        WHERE s.kind <> 'zaak'
        ORDER BY s.first
        """

    /// Zaken with the fields derived from their resources and deelzaken, and the zaak-detail document (from the
    /// resources just written, as `ZaakProjector.refresh` reads them).
    static let zaken = """
        WITH staged AS (
            SELECT uuid, first, representation, version,
                   CAST(substring(representation->>'hoofdzaak' FROM '([0-9a-f-]{36})$') AS uuid) AS hoofdzaak
            FROM bulk_zaak_states WHERE kind = 'zaak'),
        latest AS (
            SELECT DISTINCT ON (zaak) zaak, representation->'url' AS url FROM bulk_zaak_states WHERE kind = 'status'
            ORDER BY zaak, representation->>'datumStatusGezet' DESC, first DESC),
        lists AS (
            SELECT zaak,
                (array_agg(representation->'url') FILTER (WHERE kind = 'resultaat'))[1] AS resultaat,
                jsonb_agg(representation->'url' ORDER BY first) FILTER (WHERE kind = 'rol') AS rollen,
                jsonb_agg(representation->'url' ORDER BY first) FILTER (WHERE kind = 'zaakeigenschap') AS eigenschappen,
                jsonb_agg(representation->'url' ORDER BY first) FILTER (WHERE kind = 'zaakobject') AS zaakobjecten,
                jsonb_agg(representation->'url' ORDER BY first) FILTER (WHERE kind = 'zaakinformatieobject') AS zaakinformatieobjecten
            FROM bulk_zaak_states WHERE kind IN ('resultaat', 'rol', 'zaakeigenschap', 'zaakobject', 'zaakinformatieobject') GROUP BY zaak),
        deelzaken AS (
            SELECT hoofdzaak, jsonb_agg(representation->'url' ORDER BY first) AS urls FROM staged WHERE hoofdzaak IS NOT NULL GROUP BY hoofdzaak),
        details AS (
            SELECT zaak, jsonb_object_agg(kind, items) AS detail FROM (
                SELECT zaak, kind, jsonb_agg(representation ORDER BY created_position) AS items FROM zaken.resources GROUP BY zaak, kind) AS grouped
            GROUP BY zaak)
        INSERT INTO zaken.zaken (uuid, representation, detail, stream_version)
        SELECT z.uuid,
            z.representation || jsonb_build_object(
                'status', l.url,
                'resultaat', s.resultaat,
                'rollen', coalesce(s.rollen, '[]'),
                'eigenschappen', coalesce(s.eigenschappen, '[]'),
                'zaakobjecten', coalesce(s.zaakobjecten, '[]'),
                'zaakinformatieobjecten', coalesce(s.zaakinformatieobjecten, '[]'),
                'deelzaken', coalesce(d.urls, '[]')),
            coalesce(x.detail, '{}'),
            z.version
        FROM staged z
        LEFT JOIN latest l ON l.zaak = z.uuid
        LEFT JOIN lists s ON s.zaak = z.uuid
        LEFT JOIN deelzaken d ON d.hoofdzaak = z.uuid
        LEFT JOIN details x ON x.zaak = z.uuid
        ORDER BY z.first
        """
}
