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
        )
    ]
}
