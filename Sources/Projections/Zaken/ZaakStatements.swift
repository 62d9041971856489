import Foundation
import PostgresNIO

/// The statements of the zaken projection, prepared: each pooled connection parses and plans them once, at first use.
/// Sent unnamed on every write, their parse and plan took about 1 ms of the server's time per zaak command.
/// Each has an explicit name: the default, `String(reflecting:)`, is worked out again on every execution.
enum ZaakStatements {
    /// Deletes zaken; returns their hoofdzaken.
    struct DeleteZaken: PostgresPreparedStatement {
        static let name = "ZaakStatements.DeleteZaken"
        static let sql = "DELETE FROM zaken.zaken WHERE uuid = ANY($1) RETURNING hoofdzaak"
        let zaken: [UUID]

        func makeBindings() -> PostgresBindings { .of(zaken) }
        func decodeRow(_ row: PostgresRow) throws -> UUID? { try row.decode(UUID?.self) }
    }

    /// Deletes the resources of zaken.
    struct DeleteResourcesOfZaken: PostgresPreparedStatement {
        static let name = "ZaakStatements.DeleteResourcesOfZaken"
        static let sql = "DELETE FROM zaken.resources WHERE zaak = ANY($1)"
        typealias Row = ()
        let zaken: [UUID]

        func makeBindings() -> PostgresBindings { .of(zaken) }
        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// Deletes resources by uuid.
    struct DeleteResources: PostgresPreparedStatement {
        static let name = "ZaakStatements.DeleteResources"
        static let sql = "DELETE FROM zaken.resources WHERE uuid = ANY($1)"
        typealias Row = ()
        let resources: [UUID]

        func makeBindings() -> PostgresBindings { .of(resources) }
        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// Writes zaken in the given order, each the `state` of its event's payload; returns the hoofdzaken before and after
    /// (a deelzaak moved to another hoofdzaak leaves the old one's `deelzaken`).
    struct UpsertZaken: PostgresPreparedStatement {
        static let name = "ZaakStatements.UpsertZaken"
        static let sql = """
            WITH before AS (SELECT hoofdzaak FROM zaken.zaken WHERE uuid = ANY($1) AND hoofdzaak IS NOT NULL),
            after AS (
                INSERT INTO zaken.zaken AS z (uuid, representation, stream_version)
                SELECT u, (p::jsonb)->'state', v FROM unnest($1, $2, $3) WITH ORDINALITY AS t(u, p, v, n) ORDER BY n
                ON CONFLICT (uuid) DO UPDATE SET representation = excluded.representation, stream_version = excluded.stream_version
                RETURNING hoofdzaak)
            SELECT hoofdzaak FROM after UNION SELECT hoofdzaak FROM before
            """
        let zaken: [UUID], payloads: [String], versions: [Int64]

        func makeBindings() -> PostgresBindings { .of(zaken, payloads, versions) }

        func decodeRow(_ row: PostgresRow) throws -> UUID? { try row.decode(UUID?.self) }
    }

    /// Writes resources in the given order, each the `state` of its event's payload.
    struct UpsertResources: PostgresPreparedStatement {
        static let name = "ZaakStatements.UpsertResources"
        static let sql = """
            INSERT INTO zaken.resources (uuid, zaak, kind, representation, stream_version)
            SELECT u, z, k, (p::jsonb)->'state', v FROM unnest($1, $2, $3, $4, $5) WITH ORDINALITY AS t(u, z, k, p, v, n)
            ORDER BY n
            ON CONFLICT (uuid) DO UPDATE SET representation = excluded.representation, stream_version = excluded.stream_version
            """
        typealias Row = ()
        let resources: [UUID], zaken: [UUID], kinds: [String], payloads: [String], versions: [Int64]

        func makeBindings() -> PostgresBindings { .of(resources, zaken, kinds, payloads, versions) }

        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// Sets zaken's stream versions.
    struct SetStreamVersions: PostgresPreparedStatement {
        static let name = "ZaakStatements.SetStreamVersions"
        static let sql = "UPDATE zaken.zaken z SET stream_version = v.version FROM unnest($1, $2) AS v(uuid, version) WHERE z.uuid = v.uuid"
        typealias Row = ()
        let zaken: [UUID], versions: [Int64]

        func makeBindings() -> PostgresBindings { .of(zaken, versions) }

        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// `ZaakProjector.refresh`, step 1: the statussen's `indicatieLaatstGezetteStatus` and ZIOs, the rollen's statussen.
    struct RefreshResources<Selection: ZaakSelection>: PostgresPreparedStatement {
        static var name: String { Selection.refresh.resourcesName }
        static var sql: String { Selection.refresh.resourcesSQL }
        typealias Row = ()
        let zaken: Selection.Value

        func makeBindings() -> PostgresBindings { .of(zaken) }
        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// `ZaakProjector.refresh`, step 2: the zaak's lists of its resources and deelzaken, and its zaak-detail document.
    struct RefreshZaken<Selection: ZaakSelection>: PostgresPreparedStatement {
        static var name: String { Selection.refresh.zakenName }
        static var sql: String { Selection.refresh.zakenSQL }
        typealias Row = ()
        let zaken: Selection.Value

        func makeBindings() -> PostgresBindings { .of(zaken) }
        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// `RefreshResources`' text for the zaken matched by `match`.
    static func refreshResourcesText(matching match: String) -> String {
        """
        WITH latest AS (
            SELECT DISTINCT ON (zaak) zaak, uuid FROM zaken.resources WHERE zaak \(match) AND kind = 'status'
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
        WHERE r.zaak \(match) AND r.kind IN ('status', 'rol')
        """
    }

    /// `RefreshZaken`'s text for the zaken matched by `match`.
    static func refreshZakenText(matching match: String) -> String {
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
        WHERE z.uuid \(match)
        """
    }
}

/// Which zaken a refresh touches. One (the common inline command) is matched by `= $1`, for which PostgreSQL settles on
/// a generic plan after five executions; many (`= ANY($1)`) are planned on every execution, because a generic plan
/// cannot know the array's length and is costed above the custom ones.
protocol ZaakSelection: Sendable {
    associatedtype Value: PostgresNonThrowingEncodable & Sendable
    /// The refresh statements' names and texts for this selection, made once (PostgresNIO reads them on every execution).
    static var refresh: RefreshTexts { get }
}

struct RefreshTexts: Sendable {
    let resourcesName: String, resourcesSQL: String, zakenName: String, zakenSQL: String

    init(match: String, label: String) {
        resourcesName = "ZaakStatements.RefreshResources.\(label)"
        resourcesSQL = ZaakStatements.refreshResourcesText(matching: match)
        zakenName = "ZaakStatements.RefreshZaken.\(label)"
        zakenSQL = ZaakStatements.refreshZakenText(matching: match)
    }
}

enum OneZaak: ZaakSelection {
    typealias Value = UUID
    static let refresh = RefreshTexts(match: "= $1", label: "one")
}

enum ManyZaken: ZaakSelection {
    typealias Value = [UUID]
    static let refresh = RefreshTexts(match: "= ANY($1)", label: "many")
}
