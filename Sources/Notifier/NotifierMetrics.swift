import Foundation
import Metrics

/// The notifier's metrics, under `zaakstroom_notificaties_*`; whatever metrics backend is bootstrapped sees them.
struct NotifierMetrics: Sendable {
    let delivered = Counter(label: "zaakstroom_notificaties_delivered_total")
    /// Failed attempts (each non-2xx or error).
    let failed = Counter(label: "zaakstroom_notificaties_failed_total")
    /// Failed attempts that will be tried again.
    let retried = Counter(label: "zaakstroom_notificaties_retried_total")
    let dead = Counter(label: "zaakstroom_notificaties_dead_total")
    /// Messages queued for at least one subscriber.
    let published = Counter(label: "zaakstroom_notificaties_published_total")
    /// Events between the log head and the notifier's checkpoint.
    let lag = Gauge(label: "zaakstroom_notificaties_lag_events")
    /// From the event's commit to the subscriber's 2xx.
    let endToEndDelay = Metrics.Timer(label: "zaakstroom_notificaties_end_to_end_delay")

    func recordDelivered(committedAt: Date) {
        delivered.increment()
        endToEndDelay.recordNanoseconds(Int64(max(0, Date().timeIntervalSince(committedAt)) * 1e9))
    }

    func recordFailed(_ status: DeliveryStatus?) {
        failed.increment()
        if status == .dead { dead.increment() } else if status == .pending { retried.increment() }
    }
}
