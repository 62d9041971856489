import EventStore
import Foundation
import Logging
import PostgresNIO

/// The deliveries table as a work queue shared by every worker of every instance. A worker claims due rows
/// (`FOR UPDATE SKIP LOCKED`, then a lease), commits, and only then calls the subscriber: no transaction
/// stays open during HTTP. A crashed worker's lease expires and another worker takes the row (at-least-once);
/// the lease token keeps a late worker from overwriting the row once someone else holds it.
public struct DeliveryQueue: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Records `message` and one pending delivery per target, on a connection inside the caller's transaction.
    /// Nothing is written when there are no targets. `eventPosition` is unique: a message is recorded once.
    static func insert(
        _ message: NotificationMessage, eventPosition: Int64?, committedAt: Date, targets: [DeliveryTarget],
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !targets.isEmpty else { return }
        let body = String(decoding: try JSONCoding.encoder.encode(message), as: UTF8.self)
        let subscribers = targets.map(\.subscriber)
        try await connection.query(
            """
            WITH m AS (
                INSERT INTO nrc.messages (event_position, kanaal, body, committed_at)
                VALUES (\(eventPosition), \(message.kanaal), \(body)::jsonb, \(committedAt))
                ON CONFLICT (event_position) DO NOTHING RETURNING id)
            INSERT INTO nrc.deliveries (message_id, subscriber, abonnement)
            SELECT m.id, s, CASE WHEN s = \(DeliveryTarget.externalName) THEN NULL ELSE s::uuid END
            FROM m, unnest(\(subscribers)::text[]) AS s
            """, logger: logger)
    }

    /// Claims up to `limit` due deliveries for `lease`, at most `perSubscriber` leased at once per subscriber
    /// (counted over every instance). Each subscriber with pending work offers its own oldest due rows, and
    /// the least busy subscribers are served first: a subscriber with a long backlog of failing rows cannot
    /// crowd another one's rows out of the claim (a global "oldest first" would).
    public func claim(limit: Int, perSubscriber: Int, lease: Duration) async throws -> [Delivery] {
        let token = UUID()
        let rows = try await client.query(
            """
            WITH RECURSIVE subscribers AS (
                -- The distinct subscribers with pending rows, one index probe each (a loose index scan).
                (SELECT subscriber FROM nrc.deliveries WHERE status = 'pending' ORDER BY subscriber LIMIT 1)
                UNION ALL
                SELECT (SELECT d.subscriber FROM nrc.deliveries d WHERE d.status = 'pending' AND d.subscriber > s.subscriber
                        ORDER BY d.subscriber LIMIT 1)
                FROM subscribers s WHERE s.subscriber IS NOT NULL),
            active AS (
                SELECT subscriber, count(*) AS n FROM nrc.deliveries
                WHERE status = 'pending' AND leased_until IS NOT NULL AND leased_until > now() GROUP BY subscriber),
            candidates AS (
                SELECT c.id, c.rank + coalesce(a.n, 0) AS slot
                FROM subscribers s LEFT JOIN active a USING (subscriber)
                CROSS JOIN LATERAL (
                    SELECT d.id, row_number() OVER (ORDER BY d.next_attempt_at, d.id) AS rank FROM nrc.deliveries d
                    WHERE d.subscriber = s.subscriber AND d.status = 'pending' AND d.next_attempt_at <= now()
                    AND (d.leased_until IS NULL OR d.leased_until <= now())
                    ORDER BY d.next_attempt_at, d.id LIMIT \(Int64(perSubscriber))) c
                WHERE s.subscriber IS NOT NULL),
            due AS (
                SELECT d.id FROM nrc.deliveries d JOIN candidates c USING (id)
                WHERE c.slot <= \(Int64(perSubscriber)) AND d.status = 'pending' AND (d.leased_until IS NULL OR d.leased_until <= now())
                ORDER BY c.slot, d.next_attempt_at, d.id LIMIT \(Int64(limit))
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE nrc.deliveries d
            SET leased_until = now() + make_interval(secs => \(lease.seconds)), lease_token = \(token), attempts = d.attempts + 1
            FROM due WHERE d.id = due.id
            RETURNING d.id, d.subscriber, d.attempts,
                (SELECT m.body::text FROM nrc.messages m WHERE m.id = d.message_id),
                (SELECT m.committed_at FROM nrc.messages m WHERE m.id = d.message_id),
                (SELECT a.callback_url FROM nrc.abonnementen a WHERE a.uuid = d.abonnement),
                (SELECT a.auth FROM nrc.abonnementen a WHERE a.uuid = d.abonnement)
            """, logger: logger)
        var claimed: [Delivery] = []
        for try await (id, subscriber, attempts, body, committedAt, callbackURL, auth) in rows.decode(
            (Int64, String, Int32, String, Date, String?, String?).self)
        {
            claimed.append(
                Delivery(
                    id: id, subscriber: subscriber, attempts: Int(attempts), body: body, committedAt: committedAt, callbackURL: callbackURL,
                    auth: auth, leaseToken: token))
        }
        return claimed.sorted { $0.id < $1.id }
    }

    /// Marks a delivery done (any 2xx). False when the lease was lost meanwhile.
    @discardableResult
    public func markDelivered(_ delivery: Delivery, status: Int) async throws -> Bool {
        let rows = try await client.query(
            """
            UPDATE nrc.deliveries SET status = 'delivered', delivered_at = now(), leased_until = NULL, last_status = \(Int32(status)),
                last_error = NULL
            WHERE id = \(delivery.id) AND lease_token = \(delivery.leaseToken) AND status = 'pending' RETURNING id
            """, logger: logger)
        return try await rows.collect().count == 1
    }

    /// Records a failed attempt: retried after `delay`, or dead when that would pass the retry window, which
    /// starts when the delivery was created or requeued. Returns the new status (nil when the lease was lost).
    public func markFailed(_ delivery: Delivery, status: Int?, error: String, delay: Duration, window: Duration) async throws -> DeliveryStatus? {
        let rows = try await client.query(
            """
            UPDATE nrc.deliveries SET
                status = CASE WHEN now() + make_interval(secs => \(delay.seconds)) > retry_from + make_interval(secs => \(window.seconds))
                    THEN 'dead' ELSE 'pending' END,
                next_attempt_at = now() + make_interval(secs => \(delay.seconds)), leased_until = NULL,
                last_status = \(status.map(Int32.init)), last_error = \(String(error.prefix(1000)))
            WHERE id = \(delivery.id) AND lease_token = \(delivery.leaseToken) AND status = 'pending' RETURNING status
            """, logger: logger)
        return try await rows.collect().first.flatMap { DeliveryStatus(rawValue: try $0.decode(String.self)) }
    }

    /// Gives claimed deliveries back untried (shutdown), so another worker takes them at once.
    public func release(_ deliveries: [Delivery]) async throws {
        guard let token = deliveries.first?.leaseToken else { return }
        try await client.query(
            """
            UPDATE nrc.deliveries SET leased_until = NULL, attempts = greatest(attempts - 1, 0)
            WHERE id = ANY(\(deliveries.map(\.id))::bigint[]) AND lease_token = \(token) AND status = 'pending'
            """, logger: logger)
    }

    /// Puts dead deliveries back in the queue, due now with a fresh retry window: the given ids, or every dead
    /// one when `ids` is nil. Returns the ids requeued.
    public func requeue(ids: [Int64]?) async throws -> [Int64] {
        let rows = try await client.query(
            """
            UPDATE nrc.deliveries SET status = 'pending', next_attempt_at = now(), retry_from = now(), attempts = 0,
                leased_until = NULL, lease_token = NULL
            WHERE status = 'dead' AND (\(ids == nil) OR id = ANY(\(ids ?? [])::bigint[])) RETURNING id
            """, logger: logger)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids.sorted()
    }

    /// Deletes deliveries delivered more than `age` ago, and messages left without deliveries; dead ones stay
    /// until they are requeued and delivered. Returns the number of deliveries deleted.
    @discardableResult
    public func purge(deliveredBefore age: Duration) async throws -> Int {
        let rows = try await client.query(
            """
            WITH gone AS (
                DELETE FROM nrc.deliveries WHERE status = 'delivered' AND delivered_at < now() - make_interval(secs => \(age.seconds))
                RETURNING id, message_id),
            orphans AS (
                DELETE FROM nrc.messages m WHERE m.id IN (SELECT message_id FROM gone)
                AND NOT EXISTS (SELECT 1 FROM nrc.deliveries d WHERE d.message_id = m.id AND d.id NOT IN (SELECT id FROM gone)))
            SELECT count(*) FROM gone
            """, logger: logger)
        return Int(try await rows.collect().first?.decode(Int64.self) ?? 0)
    }

    /// The number of deliveries per status.
    public func counts() async throws -> [DeliveryStatus: Int] {
        let rows = try await client.query("SELECT status, count(*) FROM nrc.deliveries GROUP BY status", logger: logger)
        var counts: [DeliveryStatus: Int] = [:]
        for try await (status, count) in rows.decode((String, Int64).self) {
            if let status = DeliveryStatus(rawValue: status) { counts[status] = Int(count) }
        }
        return counts
    }

    /// Dead deliveries, oldest first, for operators deciding what to requeue.
    public func dead(limit: Int = 100) async throws -> [DeadDelivery] {
        let rows = try await client.query(
            """
            SELECT d.id, d.subscriber, d.attempts, d.last_status, coalesce(d.last_error, ''), m.body::text
            FROM nrc.deliveries d JOIN nrc.messages m ON m.id = d.message_id
            WHERE d.status = 'dead' ORDER BY d.id LIMIT \(Int64(limit))
            """, logger: logger)
        var dead: [DeadDelivery] = []
        for try await (id, subscriber, attempts, status, error, body) in rows.decode((Int64, String, Int32, Int32?, String, String).self) {
            dead.append(DeadDelivery(id: id, subscriber: subscriber, attempts: Int(attempts), lastStatus: status.map(Int.init), lastError: error, message: body))
        }
        return dead
    }
}

/// The states of a delivery row.
public enum DeliveryStatus: String, Sendable, Codable, CaseIterable {
    case pending, delivered, dead
}

/// A dead letter as the requeue CLI and API show it.
public struct DeadDelivery: Sendable, Codable, Equatable {
    public let id: Int64
    public let subscriber: String
    public let attempts: Int
    public let lastStatus: Int?
    public let lastError: String
    /// The message as JSON text.
    public let message: String
}

extension Duration {
    /// Seconds as a Double, for SQL intervals.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
