import Domain
import Logging
import PostgresNIO

/// The `documenten` tables from the whole log in a few set-based statements (see `BulkReplay`): what
/// `DocumentProjector` leaves after every event, each row written once.
///
/// The projector's rules, as the statements restate them. An informatieobject's removal (`deleted`, or a state
/// event without state) removes the document and everything under it, so only the events after a document's last
/// removal count (`bulk_doc_live`). A version's row is its last state event's state, its `begin_registratie` its
/// first's; its bytes are set by the last state event of that `versie` that names bytes, or by an `unlocked`
/// that merged bestandsdelen into the highest `versie` written before it. The lock is the last one set (a state
/// event with a lock, or `locked`), unless an `unlocked` came after. Bestandsdelen are the parts of the last
/// state event that plans parts, unless an `unlocked` came after; a part's bytes are its last `uploaded` after
/// that. Gebruiksrechten, objectinformatieobjecten and verzendingen are their last event's state since their own
/// last removal. Rows are inserted in the order the projector first wrote them (`created_position`).
struct DocumentenBulkReplay: BulkReplay {
    let categories = [DocumentResource.streamCategory]
    static let document = DocumentResource.enkelvoudiginformatieobject.rawValue
    static let tables = ["documenten.informatieobjecten", "documenten.versions", "documenten.resources", "documenten.bestandsdelen"]

    func build(from events: String, upTo head: Int64, connection: PostgresConnection, logger: Logger) async throws {
        try await load(into: Self.tables, connection: connection, logger: logger) {
            try await run([
                Self.eventsTable(events, upTo: head), Self.liveTable, "ANALYZE bulk_doc_live", Self.versions(events), Self.bestandsdelen,
                Self.informatieobjecten, Self.resources(events),
            ], connection: connection, logger: logger)
            try await StagedRows.drop(["bulk_doc_events", "bulk_doc_live"], connection: connection, logger: logger)
        }
    }

    /// The events the projector applies (a document stream, a document event type, a payload not destroyed),
    /// without their states: `versie` only for state events, the bytes, lock and planned parts they name.
    static func eventsTable(_ events: String, upTo head: Int64) -> String {
        let category = DocumentResource.streamCategory
        return """
            CREATE TEMP TABLE bulk_doc_events ON COMMIT DROP AS
            SELECT position, version, document, kind, action, (data->>'uuid')::uuid AS uuid, has_state,
                   CASE WHEN has_state THEN coalesce((data->'state'->>'versie')::int, 1) END AS versie,
                   data->'content'->>'sha256' AS sha, (data->'content'->>'size')::bigint AS size, data->>'lock' AS lock,
                   CASE WHEN jsonb_typeof(data->'parts') = 'array' THEN data->'parts' END AS parts
            FROM (SELECT position, version, substr(stream_id, \(category.count + 2))::uuid AS document, split_part(event_type, '.', 1) AS kind,
                         split_part(event_type, '.', 2) AS action, coalesce(data->'state', 'null') <> 'null' AS has_state, data
                  FROM \(events)
                  WHERE position <= \(head) AND \(StagedRows.isStream(of: category))
                    AND \(StagedRows.isEvent(of: DocumentResource.allCases.map(\.rawValue)))
                    AND data IS NOT NULL AND data <> 'null') AS e
            """
    }

    /// A state event of the informatieobject itself (not a lock change).
    static let stateEvent = "kind = '\(document)' AND action NOT IN ('locked', 'unlocked')"

    /// The events after each document's last removal.
    static let liveTable = """
        CREATE TEMP TABLE bulk_doc_live ON COMMIT DROP AS
        SELECT e.* FROM bulk_doc_events e
        LEFT JOIN (SELECT document, max(position) AS at FROM bulk_doc_events
                   WHERE \(stateEvent) AND (action = 'deleted' OR NOT has_state) GROUP BY document) AS r ON r.document = e.document
        WHERE e.position > coalesce(r.at, 0)
        """

    static func versions(_ events: String) -> String {
        """
        WITH written AS (
            SELECT document, versie, min(position) AS first, max(position) AS last FROM bulk_doc_live WHERE \(stateEvent) GROUP BY document, versie),
        bytes_set AS (
            SELECT document, position, sha, size,
                   CASE WHEN action = 'unlocked' THEN max(versie) OVER (PARTITION BY document ORDER BY position) ELSE versie END AS versie
            FROM bulk_doc_live WHERE kind = '\(document)' AND action <> 'locked'),
        bytes AS (
            SELECT DISTINCT ON (document, versie) document, versie, sha, size FROM bytes_set WHERE sha IS NOT NULL
            ORDER BY document, versie, position DESC)
        INSERT INTO documenten.versions (uuid, versie, begin_registratie, representation, content_sha256, content_size)
        SELECT w.document, w.versie, (f.data->'state'->>'beginRegistratie')::timestamptz,
            l.data->'state' || jsonb_build_object('inhoud', CASE WHEN b.sha IS NULL THEN NULL
                ELSE chr(1) || '/documenten/api/v1/enkelvoudiginformatieobjecten/' || w.document::text || '/download?versie=' || w.versie END),
            b.sha, b.size
        FROM written w
        JOIN \(events) f ON f.position = w.first
        JOIN \(events) l ON l.position = w.last
        LEFT JOIN bytes b ON b.document = w.document AND b.versie = w.versie
        """
    }

    static let bestandsdelen = """
        WITH planned AS (
            SELECT DISTINCT ON (document) document, position, parts FROM bulk_doc_live WHERE \(stateEvent) AND parts IS NOT NULL
            ORDER BY document, position DESC),
        parts AS (
            SELECT p.document, p.position, (part->>'uuid')::uuid AS uuid, (part->>'volgnummer')::int AS volgnummer, (part->>'omvang')::bigint AS omvang
            FROM planned p, jsonb_array_elements(p.parts) AS part
            WHERE NOT EXISTS (SELECT 1 FROM bulk_doc_live u
                              WHERE u.document = p.document AND u.kind = '\(document)' AND u.action = 'unlocked' AND u.position > p.position)),
        uploads AS (
            SELECT DISTINCT ON (p.uuid) p.uuid, u.sha, u.size FROM parts p
            JOIN bulk_doc_live u ON u.kind = 'bestandsdeel' AND u.action = 'uploaded' AND u.uuid = p.uuid AND u.position > p.position
            ORDER BY p.uuid, u.position DESC)
        INSERT INTO documenten.bestandsdelen (uuid, informatieobject, volgnummer, omvang, content_sha256, content_size)
        SELECT p.uuid, p.document, p.volgnummer, p.omvang, u.sha, u.size FROM parts p LEFT JOIN uploads u ON u.uuid = p.uuid
        """

    /// The served document: its highest version (as written just now, with `inhoud`), `locked` and the parts of an
    /// upload in progress, as `DocumentProjector.refresh` computes it.
    static let informatieobjecten = """
        WITH firsts AS (
            SELECT document, min(position) AS first FROM bulk_doc_live WHERE \(stateEvent) GROUP BY document),
        locks AS (
            SELECT DISTINCT ON (l.document) l.document, CASE WHEN l.action = 'unlocked' THEN NULL ELSE l.lock END AS lock
            FROM bulk_doc_live l JOIN firsts f ON f.document = l.document AND l.position >= f.first
            WHERE l.kind = '\(document)' AND (l.action IN ('locked', 'unlocked') OR l.lock IS NOT NULL)
            ORDER BY l.document, l.position DESC),
        latest AS (
            SELECT DISTINCT ON (uuid) uuid, representation FROM documenten.versions ORDER BY uuid, versie DESC),
        parts AS (
            SELECT informatieobject, jsonb_agg(jsonb_build_object(
                    'url', chr(1) || '/documenten/api/v1/bestandsdelen/' || uuid::text,
                    'volgnummer', volgnummer, 'omvang', omvang, 'voltooid', content_sha256 IS NOT NULL) ORDER BY volgnummer) AS items
            FROM documenten.bestandsdelen GROUP BY informatieobject),
        streams AS (
            SELECT document, max(version) AS version FROM bulk_doc_events GROUP BY document)
        INSERT INTO documenten.informatieobjecten (uuid, representation, lock, stream_version)
        SELECT f.document, v.representation || jsonb_build_object('locked', k.lock IS NOT NULL, 'bestandsdelen', coalesce(p.items, '[]')),
            k.lock, s.version
        FROM firsts f
        JOIN latest v ON v.uuid = f.document
        JOIN streams s ON s.document = f.document
        LEFT JOIN locks k ON k.document = f.document
        LEFT JOIN parts p ON p.informatieobject = f.document
        ORDER BY f.first
        """

    static func resources(_ events: String) -> String {
        """
        WITH own AS (
            SELECT position, uuid, action = 'deleted' OR NOT has_state AS removal FROM bulk_doc_live
            WHERE kind <> '\(document)' AND NOT (kind = 'bestandsdeel' AND action = 'uploaded')),
        per_row AS (
            SELECT uuid, max(position) AS last, coalesce(max(position) FILTER (WHERE removal), 0) AS removed FROM own GROUP BY uuid),
        alive AS (
            SELECT p.uuid, p.last, min(o.position) AS first FROM per_row p JOIN own o ON o.uuid = p.uuid AND o.position > p.removed
            WHERE p.last > p.removed GROUP BY p.uuid, p.last)
        INSERT INTO documenten.resources (uuid, informatieobject, kind, representation, stream_version)
        SELECT a.uuid, f.document, f.kind, l.data->'state', l.version
        FROM alive a
        JOIN bulk_doc_live f ON f.position = a.first
        JOIN \(events) l ON l.position = a.last
        ORDER BY a.first
        """
    }
}
