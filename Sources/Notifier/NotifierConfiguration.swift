import Domain

/// How the notifier publishes and delivers.
public struct NotifierConfiguration: Sendable {
    /// Fan messages out to the abonnementen of the built-in Notificaties API.
    public var builtIn: Bool
    /// Forward every message to this external Notificaties API as well.
    public var external: ExternalNotificatiesAPI?
    public var retry: RetryPolicy
    /// Deliveries one worker runs at once.
    public var concurrency: Int
    /// Deliveries leased at once per subscriber, over all workers.
    public var perSubscriber: Int
    /// How long a claimed delivery is ours; longer than `timeout`, so a live worker never loses one.
    public var lease: Duration
    /// HTTP timeout of one delivery.
    public var timeout: Duration
    /// How often a worker looks for due deliveries without a wake-up (retries, other instances' messages).
    public var pollInterval: Duration
    /// Events the tail publishes per transaction.
    public var batchSize: Int
    /// How long delivered rows are kept (for operators' questions) before a worker deletes them.
    public var retention: Duration
    /// Where webhooks may go: public addresses, and the hosts the operator named (see `OutboundPolicy`).
    public var outbound: OutboundPolicy

    public init(
        builtIn: Bool = true, external: ExternalNotificatiesAPI? = nil, retry: RetryPolicy = RetryPolicy(), concurrency: Int = 32,
        perSubscriber: Int = 8, lease: Duration = .seconds(60), timeout: Duration = .seconds(10), pollInterval: Duration = .seconds(1),
        batchSize: Int = 500, retention: Duration = .seconds(7 * 24 * 3600), outbound: OutboundPolicy = .none
    ) {
        self.builtIn = builtIn
        self.external = external
        self.retry = retry
        self.concurrency = concurrency
        self.perSubscriber = perSubscriber
        self.lease = lease
        self.timeout = timeout
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.retention = retention
        self.outbound = outbound
    }
}
