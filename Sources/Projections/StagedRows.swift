import Logging
import PostgresNIO

/// The final rows of one kind of aggregate, from the log, in a temporary table `<prefix>_states` (`uuid`, the
/// owning aggregate's uuid as `<owner>`, `kind`, `first`, `representation`, `version`): what an inline projector
/// that upserts each event's `state` and deletes on a removal leaves behind (see `BulkReplay`).
///
/// Events carry their resource's complete state, so a row's final state is its last event's. It has no row when
/// that event removed it (`<kind>.deleted`, or no state), or when a later event removed its aggregate (a delete,
/// or archival destruction, whose stream's earlier payloads are gone and skipped). `first` is the position of the
/// row's first event since its last removal: the order the projector first wrote it in (`created_position`). A
/// resource's `version` is its last event's, the aggregate's its stream's last (other aggregates append to it).
struct StagedRows {
    /// The stream category (`zaak`), which is also the kind of the aggregate's own events (`zaak.created`).
    let category: String
    /// Every event kind of the category's streams the projector applies (`zaak`, `status` …).
    let kinds: [String]
    /// The owner column's name (`zaak`).
    let owner: String
    /// Prefix of the temporary tables (`bulk_zaak`).
    let prefix: String

    /// Makes `<prefix>_states` from the events at positions `1...head` of `events`.
    func stage(from events: String, upTo head: Int64, connection: PostgresConnection, logger: Logger) async throws {
        for statement in [eventsTable(events, upTo: head), rowsTable, statesTable(events), "ANALYZE \(prefix)_states"] {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    func drop(connection: PostgresConnection, logger: Logger) async throws {
        try await Self.drop(["\(prefix)_events", "\(prefix)_rows", "\(prefix)_states"], connection: connection, logger: logger)
    }

    /// Drops tables made earlier in this transaction, giving their disk space back now: a DROP frees the files only
    /// at COMMIT, a TRUNCATE of a table the transaction made frees them at once. At a million zaken the staged rows
    /// take about 10 GB, which the rebuild's other groups then need.
    static func drop(_ tables: [String], connection: PostgresConnection, logger: Logger) async throws {
        let list = tables.joined(separator: ", ")
        try await connection.query(PostgresQuery(unsafeSQL: "TRUNCATE \(list)"), logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(list)"), logger: logger)
    }

    /// The events applied, without their payloads: a stream of the category, a known event type, a payload not
    /// destroyed; `removal` as the projector decides it. The statements interpolate only constants and the head.
    func eventsTable(_ events: String, upTo head: Int64) -> String {
        """
            CREATE TEMP TABLE \(prefix)_events ON COMMIT DROP AS
            SELECT position, version, owner, kind, CASE WHEN kind = '\(category)' THEN owner ELSE (data->>'uuid')::uuid END AS uuid,
                   action = 'deleted' OR coalesce(data->'state', 'null') = 'null' AS removal
            FROM (SELECT position, version, substr(stream_id, \(category.count + 2))::uuid AS owner, split_part(event_type, '.', 1) AS kind,
                         split_part(event_type, '.', 2) AS action, data
                  FROM \(events)
                  WHERE position <= \(head) AND \(Self.isStream(of: category)) AND \(Self.isEvent(of: kinds))
                    AND data IS NOT NULL AND data <> 'null') AS e
            """
    }

    /// `stream_id` is `<category>-<uuid>`: the dashes where a uuid has them, hex digits elsewhere. Pattern matching and
    /// `translate` rather than a regular expression, which costs PostgreSQL about 8 µs per event (a third of a bulk
    /// build's first statement).
    static func isStream(of category: String) -> String {
        let uuid = "________-____-____-____-____________"
        return "stream_id LIKE '\(category)-\(uuid)' AND translate(substr(stream_id, \(category.count + 2)), '0123456789abcdefABCDEF', '') = '----'"
    }

    /// `event_type` is `<kind>.<action>`, with `kind` one of `kinds` and one dot.
    static func isEvent(of kinds: [String]) -> String {
        "split_part(event_type, '.', 1) IN (\(kinds.map { "'\($0)'" }.joined(separator: ", "))) AND split_part(event_type, '.', 2) <> '' AND event_type NOT LIKE '%.%.%'"
    }

    var rowsTable: String {
        """
        CREATE TEMP TABLE \(prefix)_rows ON COMMIT DROP AS
        WITH removed_owners AS (
            SELECT owner, max(position) AS at FROM \(prefix)_events WHERE kind = '\(category)' AND removal GROUP BY owner),
        per_row AS (
            SELECT uuid, owner, kind, max(position) AS last, coalesce(max(position) FILTER (WHERE removal), 0) AS removed
            FROM \(prefix)_events GROUP BY uuid, owner, kind),
        alive AS (
            SELECT p.uuid, p.owner, p.kind, p.last, greatest(p.removed, CASE WHEN p.kind <> '\(category)' THEN r.at END) AS since
            FROM per_row p LEFT JOIN removed_owners r ON r.owner = p.owner)
        SELECT a.uuid, a.owner, a.kind, a.last, min(e.position) AS first
        FROM alive a JOIN \(prefix)_events e ON e.uuid = a.uuid AND e.position > a.since
        WHERE a.last > a.since
        GROUP BY a.uuid, a.owner, a.kind, a.last
        """
    }

    func statesTable(_ events: String) -> String {
        """
        CREATE TEMP TABLE \(prefix)_states ON COMMIT DROP AS
        SELECT r.uuid, r.owner AS \(owner), r.kind, r.first, e.data->'state' AS representation, coalesce(v.version, e.version) AS version
        FROM \(prefix)_rows r JOIN \(events) e ON e.position = r.last
        LEFT JOIN (SELECT owner, max(version) AS version FROM \(prefix)_events GROUP BY owner) AS v ON r.kind = '\(category)' AND v.owner = r.owner
        """
    }
}
