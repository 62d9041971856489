import EventStore

/// Read models of the Documenten API (schema `documenten`). `informatieobjecten` holds per document the
/// latest version as served (with `locked` and the `bestandsdelen` of an upload in progress) and its lock;
/// `versions` every version with the digest of its bytes (`?versie=` / `?registratieOp=` and the download);
/// `resources` the gebruiksrechten, objectinformatieobjecten and verzendingen; `bestandsdelen` the parts of
/// uploads in progress. Filter columns are generated from the JSON, so the projector only writes JSON.
public enum DocumentenSchema {
    static func text(_ column: String, _ field: String) -> String {
        "\(column) text GENERATED ALWAYS AS (representation->>'\(field)') STORED"
    }

    public static let migrations: [Migration] = [
        Migration(
            id: "documenten-0001-documenten",
            statements: [
                "CREATE SCHEMA IF NOT EXISTS documenten",
                """
                CREATE TABLE documenten.informatieobjecten (
                    uuid uuid PRIMARY KEY,
                    representation jsonb NOT NULL,
                    lock text,
                    stream_version bigint NOT NULL,
                    created_position bigint GENERATED ALWAYS AS IDENTITY,
                    \(text("identificatie", "identificatie")),
                    \(text("bronorganisatie", "bronorganisatie")),
                    \(text("informatieobjecttype", "informatieobjecttype")),
                    vertrouwelijkheid smallint GENERATED ALWAYS AS (\(ZakenSchema.vertrouwelijkheidRank)) STORED)
                """,
                // Unique per bronorganisatie (Open Zaak's `identificatie-niet-uniek`), also under concurrent creates.
                "CREATE UNIQUE INDEX informatieobjecten_identificatie ON documenten.informatieobjecten (bronorganisatie, identificatie COLLATE \"C\")",
                "CREATE INDEX informatieobjecten_created ON documenten.informatieobjecten (created_position)",
                "CREATE INDEX informatieobjecten_type ON documenten.informatieobjecten (informatieobjecttype, created_position)",
                "CREATE INDEX informatieobjecten_trefwoorden ON documenten.informatieobjecten USING gin ((representation->'trefwoorden'))",
                """
                CREATE TABLE documenten.versions (
                    uuid uuid NOT NULL,
                    versie integer NOT NULL,
                    begin_registratie timestamptz NOT NULL,
                    representation jsonb NOT NULL,
                    content_sha256 text,
                    content_size bigint,
                    PRIMARY KEY (uuid, versie))
                """,
                "CREATE INDEX versions_registratie ON documenten.versions (uuid, begin_registratie)",
                "CREATE INDEX versions_content ON documenten.versions (content_sha256) WHERE content_sha256 IS NOT NULL",
                """
                CREATE TABLE documenten.resources (
                    uuid uuid PRIMARY KEY,
                    informatieobject uuid NOT NULL,
                    kind text NOT NULL,
                    representation jsonb NOT NULL,
                    stream_version bigint NOT NULL,
                    created_position bigint GENERATED ALWAYS AS IDENTITY)
                """,
                "CREATE INDEX documenten_resources_kind ON documenten.resources (kind, created_position)",
                "CREATE INDEX documenten_resources_informatieobject ON documenten.resources (informatieobject, kind)",
                "CREATE INDEX documenten_resources_contents ON documenten.resources USING gin (representation jsonb_path_ops)",
                """
                CREATE TABLE documenten.bestandsdelen (
                    uuid uuid PRIMARY KEY,
                    informatieobject uuid NOT NULL,
                    volgnummer integer NOT NULL,
                    omvang bigint NOT NULL,
                    content_sha256 text,
                    content_size bigint)
                """,
                "CREATE INDEX bestandsdelen_informatieobject ON documenten.bestandsdelen (informatieobject, volgnummer)",
                "CREATE INDEX bestandsdelen_content ON documenten.bestandsdelen (content_sha256) WHERE content_sha256 IS NOT NULL",
                // Generated `DOCUMENT-<year>-<number>` identificaties.
                "CREATE SEQUENCE documenten.document_identificatie",
            ]
        ),
        // Lists under a document (`gebruiksrechten?informatieobject=` …) in creation order straight from the index,
        // like `zaken-0005`.
        Migration(
            id: "documenten-0002-resources-by-informatieobject-in-order",
            statements: [
                "DROP INDEX documenten.documenten_resources_informatieobject",
                "CREATE INDEX documenten_resources_informatieobject ON documenten.resources (informatieobject, kind, created_position)",
            ]
        ),
    ]
}
