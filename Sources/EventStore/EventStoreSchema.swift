/// The event log's schema (`es`). Global positions come from one log-head row locked as the *last* step of
/// every append transaction: rolled-back appends never advance it (no holes) and the lock is held until
/// commit (position order is commit order). See DESIGN.md and anchors.md §3(i) for the measured trade-off.
public enum EventStoreSchema {
    public static let migrations: [Migration] = [
        Migration(
            id: "eventstore-0001-log",
            statements: [
                "CREATE SCHEMA IF NOT EXISTS es",
                """
                CREATE TABLE es.streams (
                    stream_id text PRIMARY KEY,
                    category text NOT NULL,
                    version bigint NOT NULL CHECK (version > 0),
                    created_at timestamptz NOT NULL DEFAULT now())
                """,
                // position, chain hash and the time of the last append: the single row every append locks last.
                """
                CREATE TABLE es.log_head (
                    id smallint PRIMARY KEY CHECK (id = 1),
                    position bigint NOT NULL,
                    hash bytea NOT NULL,
                    recorded_at timestamptz NOT NULL)
                """,
                "INSERT INTO es.log_head VALUES (1, 0, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea, '-infinity')",
                """
                CREATE TABLE es.events (
                    position bigint PRIMARY KEY,
                    stream_id text NOT NULL,
                    version bigint NOT NULL,
                    event_id uuid NOT NULL UNIQUE,
                    event_type text NOT NULL,
                    schema_version integer NOT NULL,
                    data jsonb COMPRESSION lz4 NOT NULL,
                    metadata jsonb NOT NULL,
                    recorded_at timestamptz NOT NULL,
                    payload_sha256 bytea NOT NULL,
                    hash bytea NOT NULL,
                    UNIQUE (stream_id, version))
                """,
                "CREATE INDEX events_recorded_at ON es.events (recorded_at)",
                // The digest of one event: its identity, metadata and the sha256 of its payload. Newline-separated
                // text; stream ids are validated to hold no control characters. Swift's HashChain mirrors this.
                """
                CREATE FUNCTION es.event_digest(
                    p_position bigint, p_stream_id text, p_version bigint, p_event_id uuid, p_type text,
                    p_schema_version bigint, p_recorded_micros bigint, p_metadata text, p_payload_sha256 bytea)
                RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
                    SELECT sha256(convert_to(concat_ws(E'\\n', p_position::text, p_stream_id, p_version::text,
                        p_event_id::text, p_type, p_schema_version::text, p_recorded_micros::text, p_metadata), 'UTF8')
                        || p_payload_sha256)
                $$
                """,
                // The last statement of every append transaction: lock the head, number the events after it,
                // extend the hash chain, move the head, wake the tailers (NOTIFY is delivered at commit).
                """
                CREATE FUNCTION es.append_events(
                    p_stream_ids text[], p_versions bigint[], p_event_ids uuid[], p_types text[],
                    p_schema_versions bigint[], p_data text[], p_metadata text[])
                RETURNS bigint LANGUAGE plpgsql AS $$
                DECLARE
                    v_head bigint; v_hash bytea; v_last timestamptz; v_ts timestamptz; v_micros bigint;
                    v_data jsonb; v_meta jsonb; v_sha bytea; v_count int; i int;
                BEGIN
                    SELECT position, hash, recorded_at INTO v_head, v_hash, v_last FROM es.log_head WHERE id = 1 FOR UPDATE;
                    -- Never earlier than the previous append, so time order follows position order.
                    v_ts := greatest(clock_timestamp(), v_last);
                    v_micros := (extract(epoch FROM v_ts) * 1000000)::bigint;
                    v_count := coalesce(array_length(p_event_ids, 1), 0);
                    FOR i IN 1 .. v_count LOOP
                        v_data := p_data[i]::jsonb;
                        v_meta := p_metadata[i]::jsonb;
                        v_sha := sha256(convert_to(v_data::text, 'UTF8'));
                        v_hash := sha256(v_hash || es.event_digest(v_head + i, p_stream_ids[i], p_versions[i],
                            p_event_ids[i], p_types[i], p_schema_versions[i], v_micros, v_meta::text, v_sha));
                        INSERT INTO es.events (position, stream_id, version, event_id, event_type, schema_version,
                            data, metadata, recorded_at, payload_sha256, hash)
                        VALUES (v_head + i, p_stream_ids[i], p_versions[i], p_event_ids[i], p_types[i],
                            p_schema_versions[i], v_data, v_meta, v_ts, v_sha, v_hash);
                    END LOOP;
                    UPDATE es.log_head SET position = v_head + v_count, hash = v_hash, recorded_at = v_ts WHERE id = 1;
                    PERFORM pg_notify('es_appended', (v_head + v_count)::text);
                    RETURN v_head + v_count;
                END
                $$
                """,
                // Append-only by the database's own rule, not by convention.
                """
                CREATE FUNCTION es.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'es.events is append-only: % refused', TG_OP USING ERRCODE = 'ZS001';
                END
                $$
                """,
                """
                CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON es.events
                    FOR EACH ROW EXECUTE FUNCTION es.refuse_event_change()
                """,
                """
                CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON es.events
                    FOR EACH STATEMENT EXECUTE FUNCTION es.refuse_event_change()
                """,
                // Checkpoints of tailing consumers (async projections, the notifier).
                """
                CREATE TABLE es.checkpoints (
                    name text PRIMARY KEY,
                    position bigint NOT NULL DEFAULT 0,
                    updated_at timestamptz NOT NULL DEFAULT now())
                """,
            ]
        ),
        // Archival destruction: a payload may be removed (data set to NULL), nothing else ever changes. The
        // chain covers the payload's digest, which stays, so `verify` still checks every link. Only inside a
        // transaction that says so (`SET LOCAL zaakstroom.destruction = on`, see `destroyPayloads`).
        Migration(
            id: "es-0002-destruction",
            statements: [
                "ALTER TABLE es.events ALTER COLUMN data DROP NOT NULL",
                """
                CREATE OR REPLACE FUNCTION es.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND current_setting('zaakstroom.destruction', true) = 'on' AND NEW.data IS NULL
                       AND (NEW.position, NEW.stream_id, NEW.version, NEW.event_id, NEW.event_type, NEW.schema_version, NEW.metadata,
                            NEW.recorded_at, NEW.payload_sha256, NEW.hash)
                         IS NOT DISTINCT FROM (OLD.position, OLD.stream_id, OLD.version, OLD.event_id, OLD.event_type, OLD.schema_version,
                            OLD.metadata, OLD.recorded_at, OLD.payload_sha256, OLD.hash) THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'es.events is append-only: % refused', TG_OP USING ERRCODE = 'ZS001';
                END
                $$
                """,
            ]
        ),
    ]

    /// The NOTIFY channel appends signal on.
    public static let appendChannel = "es_appended"
}
