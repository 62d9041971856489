import EventStore

/// Read models of the Besluiten API (schema `besluiten`): `besluiten` holds per besluit the JSON the API serves
/// with generated filter columns; `informatieobjecten` its besluitinformatieobjecten.
public enum BesluitenSchema {
    static func text(_ column: String, _ field: String) -> String {
        "\(column) text GENERATED ALWAYS AS (representation->>'\(field)') STORED"
    }

    public static let migrations: [Migration] = [
        Migration(
            id: "besluiten-0001-besluiten",
            statements: [
                "CREATE SCHEMA IF NOT EXISTS besluiten",
                """
                CREATE TABLE besluiten.besluiten (
                    uuid uuid PRIMARY KEY,
                    representation jsonb NOT NULL,
                    stream_version bigint NOT NULL,
                    created_position bigint GENERATED ALWAYS AS IDENTITY,
                    \(text("identificatie", "identificatie")),
                    \(text("verantwoordelijke_organisatie", "verantwoordelijkeOrganisatie")),
                    \(text("besluittype", "besluittype")),
                    \(text("zaak", "zaak")),
                    -- Besluiten have no vertrouwelijkheidaanduiding; the column lets the shared authorisation filter run.
                    vertrouwelijkheid smallint GENERATED ALWAYS AS (0) STORED)
                """,
                // brc-002: unique per verantwoordelijkeOrganisatie, also under concurrent creates.
                "CREATE UNIQUE INDEX besluiten_identificatie ON besluiten.besluiten (verantwoordelijke_organisatie, identificatie COLLATE \"C\")",
                "CREATE INDEX besluiten_created ON besluiten.besluiten (created_position)",
                "CREATE INDEX besluiten_besluittype ON besluiten.besluiten (besluittype, created_position)",
                "CREATE INDEX besluiten_zaak ON besluiten.besluiten (zaak) WHERE zaak <> ''",
                """
                CREATE TABLE besluiten.informatieobjecten (
                    uuid uuid PRIMARY KEY,
                    besluit uuid NOT NULL,
                    representation jsonb NOT NULL,
                    stream_version bigint NOT NULL,
                    created_position bigint GENERATED ALWAYS AS IDENTITY,
                    \(text("informatieobject", "informatieobject")))
                """,
                "CREATE INDEX besluit_informatieobjecten_besluit ON besluiten.informatieobjecten (besluit, created_position)",
                "CREATE INDEX besluit_informatieobjecten_informatieobject ON besluiten.informatieobjecten (informatieobject)",
                "CREATE SEQUENCE besluiten.besluit_identificatie",
            ]
        ),
    ]
}
