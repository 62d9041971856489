import EventStore

/// Read models of the Catalogi API (schema `catalogi`): per resource the columns filters need, and the
/// ready-to-serve JSON (`representation`, with our URLs behind `ResourceURL.marker`).
public enum CatalogiSchema {
    public static let migrations: [Migration] = [
        Migration(
            id: "catalogi-0001-catalogussen",
            statements: [
                "CREATE SCHEMA IF NOT EXISTS catalogi",
                """
                CREATE TABLE catalogi.catalogussen (
                    uuid uuid PRIMARY KEY,
                    domein text NOT NULL,
                    rsin text NOT NULL,
                    representation jsonb NOT NULL,
                    stream_version bigint NOT NULL,
                    created_position bigint GENERATED ALWAYS AS IDENTITY)
                """,
                "CREATE INDEX catalogussen_domein ON catalogi.catalogussen (domein)",
                "CREATE INDEX catalogussen_rsin ON catalogi.catalogussen (rsin)",
            ]
        ),
        Migration(
            id: "catalogi-0002-informatieobjecttypen",
            statements: [
                """
                CREATE TABLE catalogi.informatieobjecttypen (
                    uuid uuid PRIMARY KEY,
                    catalogus uuid NOT NULL,
                    omschrijving text NOT NULL,
                    concept boolean NOT NULL,
                    begin_geldigheid date NOT NULL,
                    einde_geldigheid date,
                    representation jsonb NOT NULL,
                    stream_version bigint NOT NULL,
                    created_position bigint GENERATED ALWAYS AS IDENTITY)
                """,
                "CREATE INDEX informatieobjecttypen_versions ON catalogi.informatieobjecttypen (catalogus, omschrijving, begin_geldigheid)",
            ]
        ),
    ]
}
