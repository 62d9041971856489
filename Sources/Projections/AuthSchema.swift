import EventStore

/// Read model of applicaties and the JWT secret store (schema `auth`).
///
/// Secrets are deliberately *not* events: a secret in an immutable log could never be rotated away. Like Open
/// Zaak's "JWT secrets", they live in a plain table next to the applicatie read model. Both tables notify
/// `auth_changed` on every change, which is how every server instance refreshes its in-memory copy.
public enum AuthSchema {
    public static let changeChannel = "auth_changed"

    public static let migrations: [Migration] = [
        Migration(
            id: "auth-0001-applicaties",
            statements: [
                "CREATE SCHEMA IF NOT EXISTS auth",
                """
                CREATE TABLE auth.applicaties (
                    uuid uuid PRIMARY KEY,
                    client_ids text[] NOT NULL,
                    label text NOT NULL,
                    heeft_alle_autorisaties boolean NOT NULL,
                    autorisaties jsonb NOT NULL,
                    stream_version bigint NOT NULL,
                    updated_at timestamptz NOT NULL DEFAULT now())
                """,
                "CREATE INDEX applicaties_client_ids ON auth.applicaties USING gin (client_ids)",
                """
                CREATE TABLE auth.jwt_secrets (
                    client_id text PRIMARY KEY,
                    secret text NOT NULL,
                    updated_at timestamptz NOT NULL DEFAULT now())
                """,
                """
                CREATE FUNCTION auth.notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('auth_changed', TG_TABLE_NAME);
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER applicaties_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON auth.applicaties
                    FOR EACH STATEMENT EXECUTE FUNCTION auth.notify_change()
                """,
                """
                CREATE TRIGGER jwt_secrets_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON auth.jwt_secrets
                    FOR EACH STATEMENT EXECUTE FUNCTION auth.notify_change()
                """,
            ]
        ),
        Migration(
            id: "auth-0002-applicaties-order",
            statements: ["ALTER TABLE auth.applicaties ADD COLUMN created_position bigint GENERATED ALWAYS AS IDENTITY"]
        ),
    ]
}
