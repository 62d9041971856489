import EventStore

/// The notifier's tables (`nrc`): kanalen and abonnementen of the built-in Notificaties API, the messages the
/// notifier published, and one delivery row per (message, subscriber). Deliveries are the work queue: workers
/// claim due rows with `FOR UPDATE SKIP LOCKED` and a lease, so several instances share them.
public enum NotifierSchema {
    /// The checkpoint name of the log tail in `es.checkpoints`.
    public static let checkpoint = "notifier"

    public static let migrations: [Migration] = [
        Migration(
            id: "notificaties-0001",
            statements: [
                "CREATE SCHEMA IF NOT EXISTS nrc",
                """
                CREATE TABLE nrc.kanalen (
                    uuid uuid PRIMARY KEY,
                    naam text NOT NULL UNIQUE,
                    documentatie_link text NOT NULL DEFAULT '',
                    filters text[] NOT NULL DEFAULT '{}')
                """,
                """
                CREATE TABLE nrc.abonnementen (
                    uuid uuid PRIMARY KEY,
                    callback_url text NOT NULL,
                    auth text NOT NULL,
                    kanalen jsonb NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now())
                """,
                // event_position: the log event it came from (unique, so the tail never publishes one twice);
                // null for messages other producers POST to /notificaties.
                """
                CREATE TABLE nrc.messages (
                    id bigserial PRIMARY KEY,
                    event_position bigint UNIQUE,
                    kanaal text NOT NULL,
                    body jsonb NOT NULL,
                    committed_at timestamptz NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now())
                """,
                // subscriber: the abonnement's uuid, or `external` for the configured external Notificaties API.
                """
                CREATE TABLE nrc.deliveries (
                    id bigserial PRIMARY KEY,
                    message_id bigint NOT NULL REFERENCES nrc.messages ON DELETE CASCADE,
                    subscriber text NOT NULL,
                    abonnement uuid REFERENCES nrc.abonnementen ON DELETE CASCADE,
                    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
                    attempts integer NOT NULL DEFAULT 0,
                    next_attempt_at timestamptz NOT NULL DEFAULT now(),
                    retry_from timestamptz NOT NULL DEFAULT now(),
                    leased_until timestamptz,
                    lease_token uuid,
                    last_status integer,
                    last_error text,
                    delivered_at timestamptz,
                    UNIQUE (message_id, subscriber))
                """,
                "CREATE INDEX deliveries_due ON nrc.deliveries (next_attempt_at, id) WHERE status = 'pending'",
                "CREATE INDEX deliveries_dead ON nrc.deliveries (id) WHERE status = 'dead'",
                // The leased rows only (a finished attempt clears its lease): what a claim counts per subscriber.
                "CREATE INDEX deliveries_leased ON nrc.deliveries (subscriber) WHERE status = 'pending' AND leased_until IS NOT NULL",
                // Notifications start when the notifier is installed, not with the log's history.
                "INSERT INTO es.checkpoints (name, position) SELECT 'notifier', position FROM es.log_head ON CONFLICT (name) DO NOTHING",
            ]
        ),
        // Claims pick due rows per subscriber (fairness), not the globally oldest ones: the per-subscriber index
        // serves both the walk over subscribers with pending work and each one's oldest due rows. The global
        // index goes, or the planner scans it and filters one subscriber's rows out of another's backlog.
        Migration(
            id: "notificaties-0002-due-per-subscriber",
            statements: [
                "CREATE INDEX deliveries_pending ON nrc.deliveries (subscriber, next_attempt_at, id) WHERE status = 'pending'",
                "DROP INDEX nrc.deliveries_due",
            ]
        ),
    ]
}
