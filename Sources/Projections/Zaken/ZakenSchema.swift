import EventStore

/// Read models of the Zaken API (schema `zaken`). `zaken.zaken` holds per zaak the JSON the API serves
/// (`representation`) and the denormalised zaak-detail document (`detail`: statussen, resultaat, rollen …
/// as the API serves them), so a zaak with everything around it is one indexed lookup. Filter columns are
/// generated from the representation, so the projector only writes JSON. `zaken.resources` holds every
/// resource under a zaak, by kind.
public enum ZakenSchema {
    static let vertrouwelijkheidRank = """
        CASE representation->>'vertrouwelijkheidaanduiding' WHEN 'openbaar' THEN 0 WHEN 'beperkt_openbaar' THEN 1 WHEN 'intern' THEN 2
        WHEN 'zaakvertrouwelijk' THEN 3 WHEN 'vertrouwelijk' THEN 4 WHEN 'confidentieel' THEN 5 WHEN 'geheim' THEN 6 WHEN 'zeer_geheim' THEN 7 END
        """

    static func text(_ column: String, _ field: String) -> String {
        "\(column) text GENERATED ALWAYS AS (representation->>'\(field)') STORED"
    }

    /// Moves the identificatie sequence past the highest generated number in `zaken.zaken` (after a migration
    /// or an import).
    static let identificatieRealignment = """
        SELECT setval('zaken.zaak_identificatie', greatest(1, coalesce(max(substring(identificatie FROM '^ZAAK-[0-9]{4}-([0-9]{10})$')::bigint), 0)),
                      max(identificatie) IS NOT NULL)
        FROM zaken.zaken WHERE identificatie ~ '^ZAAK-[0-9]{4}-[0-9]{10}$'
        """

    public static let migrations: [Migration] = [
        Migration(
            id: "zaken-0001-zaken",
            statements: [
                "CREATE SCHEMA IF NOT EXISTS zaken",
                // Every vertex of a GeoJSON geometry, whatever its nesting.
                """
                CREATE FUNCTION zaken.geometry_points(geometry jsonb) RETURNS SETOF point LANGUAGE sql IMMUTABLE STRICT AS $$
                    SELECT point((p->>0)::float8, (p->>1)::float8)
                    FROM jsonb_path_query(geometry, 'strict $.**?(@.type() == "array" && @[0].type() == "number")') AS p
                $$
                """,
                """
                CREATE FUNCTION zaken.geometry_box(geometry jsonb) RETURNS box LANGUAGE sql IMMUTABLE AS $$
                    SELECT CASE WHEN geometry IS NULL OR jsonb_typeof(geometry) <> 'object' THEN NULL
                        ELSE (SELECT box(point(min(p[0]), min(p[1])), point(max(p[0]), max(p[1]))) FROM zaken.geometry_points(geometry) AS p) END
                $$
                """,
                // A GeoJSON ring as a polygon value.
                """
                CREATE FUNCTION zaken.ring_polygon(ring jsonb) RETURNS polygon LANGUAGE sql IMMUTABLE STRICT AS $$
                    SELECT ('(' || string_agg('(' || (p->>0) || ',' || (p->>1) || ')', ',' ORDER BY n) || ')')::polygon
                    FROM jsonb_array_elements(ring) WITH ORDINALITY AS t(p, n)
                $$
                """,
                // `zaakgeometrie.within`: every vertex of the geometry inside the polygon's outer ring and in
                // none of its holes (boundaries count as inside).
                """
                CREATE FUNCTION zaken.within(geometry jsonb, area jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$
                    SELECT EXISTS (SELECT 1 FROM zaken.geometry_points(geometry))
                        AND NOT EXISTS (
                            SELECT 1 FROM zaken.geometry_points(geometry) AS p
                            WHERE NOT (zaken.ring_polygon(area->'coordinates'->0) @> p)
                               OR EXISTS (SELECT 1 FROM jsonb_array_elements(area->'coordinates') WITH ORDINALITY AS h(ring, n)
                                          WHERE n > 1 AND zaken.ring_polygon(h.ring) @> p))
                $$
                """,
                """
                CREATE TABLE zaken.zaken (
                    uuid uuid PRIMARY KEY,
                    representation jsonb NOT NULL,
                    detail jsonb NOT NULL DEFAULT '{}',
                    stream_version bigint NOT NULL,
                    created_position bigint GENERATED ALWAYS AS IDENTITY,
                    \(text("identificatie", "identificatie")),
                    \(text("bronorganisatie", "bronorganisatie")),
                    \(text("zaaktype", "zaaktype")),
                    \(text("startdatum", "startdatum")),
                    \(text("einddatum", "einddatum")),
                    \(text("registratiedatum", "registratiedatum")),
                    \(text("einddatum_gepland", "einddatumGepland")),
                    \(text("uiterlijke_einddatum_afdoening", "uiterlijkeEinddatumAfdoening")),
                    \(text("publicatiedatum", "publicatiedatum")),
                    \(text("archiefnominatie", "archiefnominatie")),
                    \(text("archiefstatus", "archiefstatus")),
                    \(text("archiefactiedatum", "archiefactiedatum")),
                    vertrouwelijkheid smallint GENERATED ALWAYS AS (\(vertrouwelijkheidRank)) STORED,
                    hoofdzaak uuid GENERATED ALWAYS AS (CAST(substring(representation->>'hoofdzaak' FROM '([0-9a-f-]{36})$') AS uuid)) STORED,
                    geometry_box box GENERATED ALWAYS AS (zaken.geometry_box(representation->'zaakgeometrie')) STORED)
                """,
                // zrc-002: unique per bronorganisatie, also under concurrent creates; "C" order for the
                // generated `ZAAK-<year>-<number>` range scans.
                "CREATE UNIQUE INDEX zaken_identificatie ON zaken.zaken (bronorganisatie, identificatie COLLATE \"C\")",
                "CREATE INDEX zaken_created ON zaken.zaken (created_position)",
                "CREATE INDEX zaken_zaaktype ON zaken.zaken (zaaktype, created_position)",
                "CREATE INDEX zaken_startdatum ON zaken.zaken (startdatum)",
                "CREATE INDEX zaken_einddatum ON zaken.zaken (einddatum)",
                "CREATE INDEX zaken_archiefactiedatum ON zaken.zaken (archiefactiedatum)",
                "CREATE INDEX zaken_hoofdzaak ON zaken.zaken (hoofdzaak) WHERE hoofdzaak IS NOT NULL",
                "CREATE INDEX zaken_geometry ON zaken.zaken USING gist (geometry_box) WHERE geometry_box IS NOT NULL",
                """
                CREATE TABLE zaken.resources (
                    uuid uuid PRIMARY KEY,
                    zaak uuid NOT NULL,
                    kind text NOT NULL,
                    representation jsonb NOT NULL,
                    stream_version bigint NOT NULL,
                    created_position bigint GENERATED ALWAYS AS IDENTITY)
                """,
                "CREATE INDEX resources_kind ON zaken.resources (kind, created_position)",
                "CREATE INDEX resources_zaak ON zaken.resources (zaak, kind)",
                // Containment filters on rollen (`betrokkeneIdentificatie__natuurlijkPersoon__inpBsn` …) and
                // zaakobjecten use this index.
                "CREATE INDEX resources_contents ON zaken.resources USING gin (representation jsonb_path_ops)",
            ]
        ),
        // zrc-002: generated identificatie numbers from a sequence (see ZaakIdentificatie), starting after the
        // highest number already issued.
        Migration(
            id: "zaken-0002-identificatie-sequence",
            statements: [
                "CREATE SEQUENCE zaken.zaak_identificatie",
                identificatieRealignment,
            ]
        ),
        // `stream_version` follows every event of the zaak's stream now (other aggregates append a zaakbesluit
        // at it), not only the zaak's own: catch existing rows up with their streams.
        Migration(
            id: "zaken-0003-stream-version",
            statements: [
                "UPDATE zaken.zaken z SET stream_version = s.version FROM es.streams s WHERE s.stream_id = 'zaak-' || z.uuid::text",
            ]
        ),
        // Pagination counts without a scan of every zaak: the number of zaken per (bronorganisatie, zaaktype,
        // vertrouwelijkheid), the columns of the common list filters and of the authorisation filter, kept by
        // statement triggers on zaken.zaken. Triggers only *insert* deltas, so concurrent writers never wait on a
        // counter row; `countsCompaction` folds the deltas into one row per key now and then.
        Migration(
            id: "zaken-0004-zaak-counts",
            statements: [
                """
                CREATE TABLE zaken.zaak_counts (
                    bronorganisatie text, zaaktype text, vertrouwelijkheid smallint, n bigint NOT NULL)
                """,
                "CREATE INDEX zaak_counts_key ON zaken.zaak_counts (zaaktype, vertrouwelijkheid)",
                countTrigger("inserted", from: "SELECT bronorganisatie, zaaktype, vertrouwelijkheid, 1 FROM inserted"),
                countTrigger("deleted", from: "SELECT bronorganisatie, zaaktype, vertrouwelijkheid, -1 FROM deleted"),
                countTrigger(
                    "updated",
                    from: """
                        SELECT bronorganisatie, zaaktype, vertrouwelijkheid, 1 FROM inserted
                        UNION ALL SELECT bronorganisatie, zaaktype, vertrouwelijkheid, -1 FROM deleted
                        """),
                "CREATE TRIGGER zaak_counts_insert AFTER INSERT ON zaken.zaken REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION zaken.count_inserted()",
                "CREATE TRIGGER zaak_counts_delete AFTER DELETE ON zaken.zaken REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION zaken.count_deleted()",
                """
                CREATE TRIGGER zaak_counts_update AFTER UPDATE ON zaken.zaken REFERENCING OLD TABLE AS deleted NEW TABLE AS inserted
                FOR EACH STATEMENT EXECUTE FUNCTION zaken.count_updated()
                """,
                "INSERT INTO zaken.zaak_counts SELECT bronorganisatie, zaaktype, vertrouwelijkheid, count(*) FROM zaken.zaken GROUP BY 1, 2, 3",
                // Pages in creation order for a client limited to some zaaktypen: the authorisation filter reads the
                // index entries (index-only scan) instead of fetching every skipped zaak's row.
                "DROP INDEX zaken.zaken_created",
                "CREATE INDEX zaken_created ON zaken.zaken (created_position) INCLUDE (zaaktype, vertrouwelijkheid)",
            ]
        ),
        // `statussen?zaak=` and the other lists under a zaak page in creation order: with the order in the index the
        // planner reads the zaak's rows in order, instead of walking every row of the kind in creation order until
        // it met the zaak's (57 ms per call at 100,000 zaken).
        Migration(
            id: "zaken-0005-resources-by-zaak-in-order",
            statements: [
                "DROP INDEX zaken.resources_zaak",
                "CREATE INDEX resources_zaak ON zaken.resources (zaak, kind, created_position)",
            ]
        ),
        // The zaak's `geometry_box` column called a SQL function with a subquery, which PostgreSQL cannot inline: about
        // 75 µs per zaak row written, two thirds of a bulk build's zaken insert. A Point (the common zaakgeometrie) now
        // takes an expression the planner inlines; other geometries go through the vertices as before. The boxes are
        // the same for every input, so the stored values stay valid.
        Migration(
            id: "zaken-0006-inlined-geometry-box",
            statements: [
                """
                CREATE FUNCTION zaken.geometry_points_box(geometry jsonb) RETURNS box LANGUAGE sql IMMUTABLE STRICT AS $$
                    SELECT box(point(min(p[0]), min(p[1])), point(max(p[0]), max(p[1]))) FROM zaken.geometry_points(geometry) AS p
                $$
                """,
                """
                CREATE OR REPLACE FUNCTION zaken.geometry_box(geometry jsonb) RETURNS box LANGUAGE sql IMMUTABLE AS $$
                    SELECT CASE WHEN geometry IS NULL OR jsonb_typeof(geometry) <> 'object' THEN NULL
                        WHEN geometry->>'type' = 'Point' AND jsonb_typeof(geometry->'coordinates'->0) = 'number'
                            AND jsonb_typeof(geometry->'coordinates'->1) = 'number'
                        THEN box(point((geometry->'coordinates'->>0)::float8, (geometry->'coordinates'->>1)::float8))
                        ELSE zaken.geometry_points_box(geometry) END
                $$
                """,
            ]
        ),
        withinAnyGeometry,
    ]

    /// A statement trigger function that adds the deltas of `rows` (key columns and ±1) to `zaken.zaak_counts`,
    /// one row per key the statement changed.
    static func countTrigger(_ name: String, from rows: String) -> String {
        """
        CREATE FUNCTION zaken.count_\(name)() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO zaken.zaak_counts
            SELECT bronorganisatie, zaaktype, vertrouwelijkheid, sum(delta) FROM (\(rows)) AS d(bronorganisatie, zaaktype, vertrouwelijkheid, delta)
            GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
            RETURN NULL;
        END $$
        """
    }

    /// Folds the deltas of `zaken.zaak_counts` into one row per key (rows of transactions still in flight are not
    /// visible to the DELETE, so they stay and are folded next time). The sums do not change.
    public static let countsCompaction = """
        WITH gone AS (DELETE FROM zaken.zaak_counts RETURNING *)
        INSERT INTO zaken.zaak_counts SELECT bronorganisatie, zaaktype, vertrouwelijkheid, sum(n) FROM gone GROUP BY 1, 2, 3 HAVING sum(n) <> 0
        """

    /// The counts as they compare between two stores, whatever their compaction.
    static let countsCompared = """
        SELECT bronorganisatie, zaaktype, vertrouwelijkheid, sum(n) AS n FROM zaken.zaak_counts GROUP BY 1, 2, 3 HAVING sum(n) <> 0
        """
}
