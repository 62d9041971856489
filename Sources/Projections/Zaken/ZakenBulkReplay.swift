import Domain
import EventStore
import Logging
import PostgresNIO

/// `zaken.zaken` and `zaken.resources` from the whole log in a few set-based statements (see `BulkReplay`): the
/// final rows are staged (`StagedRows`), then inserted in the order the inline projector first wrote them (so
/// `created_position` orders the lists as it would), with the fields derived from each other computed from the
/// staged rows with `ZaakProjector.refresh`'s expressions: each row is written once.
struct ZakenBulkReplay: BulkReplay {
    let categories = [ZaakResource.streamCategory]
    static let rows = StagedRows(
        category: ZaakResource.streamCategory, kinds: ZaakResource.allCases.map(\.rawValue), owner: "zaak", prefix: "bulk_zaak")

    func build(from events: String, upTo head: Int64, connection: PostgresConnection, logger: Logger) async throws {
        try await load(into: ["zaken.zaken", "zaken.resources"], connection: connection, logger: logger) {
            try await Self.rows.stage(from: events, upTo: head, connection: connection, logger: logger)
            try await run([Self.resources, Self.zaken], connection: connection, logger: logger)
            try await Self.rows.drop(connection: connection, logger: logger)
        }
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
