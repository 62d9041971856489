import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Delivers queued messages: claims due deliveries (at most `concurrency` in flight), POSTs each outside any
/// transaction, and records the outcome. Several workers, in one process or many, share the queue.
///
/// Graceful shutdown stops claiming and lets in-flight deliveries finish (each is bounded by the HTTP
/// timeout); a delivery cut off by cancellation is released for another worker. With an external
/// Notificaties API, the worker also registers our kanalen there.
public final class DeliveryWorker: Service, Sendable {
    let queue: DeliveryQueue
    let configuration: NotifierConfiguration
    let sender: CallbackSender
    let logger: Logger
    let metrics = NotifierMetrics()
    let wakeUps: WakeUps
    private let inFlight = Mutex(0)

    public init(queue: DeliveryQueue, configuration: NotifierConfiguration, logger: Logger) {
        self.queue = queue
        self.configuration = configuration
        self.sender = CallbackSender(timeout: .nanoseconds(Int64(configuration.timeout.seconds * 1e9)), policy: configuration.outbound)
        self.logger = logger
        self.wakeUps = WakeUps(interval: configuration.pollInterval)
    }

    /// Look for work now (the tail queued some).
    public func wake() {
        wakeUps.signal()
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                if let external = configuration.external {
                    let registrar = ExternalKanalen(api: external, logger: logger, timeout: sender.timeout)
                    group.addTask { try? await cancelWhenGracefulShutdown { await registrar.registerAll() } }
                }
                var lastPurge = ContinuousClock.now
                for await _ in wakeUps.stream {
                    await claimAndStart(in: &group)
                    if ContinuousClock.now - lastPurge > .seconds(3600) {
                        lastPurge = ContinuousClock.now
                        await purge()
                    }
                }
            }
        } onGracefulShutdown: {
            self.wakeUps.finish()
        }
    }

    /// Deletes delivered rows past their retention (every instance may do it; deleting twice is harmless).
    func purge() async {
        do {
            try await queue.purge(deliveredBefore: configuration.retention)
        } catch {
            logger.warning("purging delivered notifications failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Claims as many deliveries as there are free slots, until the queue has no more due ones.
    func claimAndStart(in group: inout DiscardingTaskGroup) async {
        while !Task.isCancelled {
            let free = configuration.concurrency - inFlight.withLock { $0 }
            guard free > 0 else { return }
            let claimed: [Delivery]
            do {
                claimed = try await queue.claim(limit: free, perSubscriber: configuration.perSubscriber, lease: configuration.lease)
            } catch {
                logger.warning("claiming deliveries failed", metadata: ["error": "\(String(reflecting: error))"])
                return
            }
            for delivery in claimed {
                inFlight.withLock { $0 += 1 }
                group.addTask {
                    await self.deliver(delivery)
                    self.inFlight.withLock { $0 -= 1 }
                    self.wakeUps.signal()
                }
            }
            if claimed.count < free { return }
        }
    }

    func deliver(_ delivery: Delivery) async {
        let target: (url: String, authorization: String?)?
        if let callbackURL = delivery.callbackURL {
            target = (callbackURL, delivery.auth)
        } else if delivery.subscriber == DeliveryTarget.externalName, let external = configuration.external {
            target = (external.notificatiesURL, external.authorization)
        } else {
            target = nil
        }
        let outcome: CallbackSender.Outcome
        if let target {
            outcome = await sender.post(delivery.body, to: target.url, authorization: target.authorization)
        } else {
            outcome = .failed(status: nil, reason: "no such subscriber is configured")
        }
        func recordFailure(status: Int?, reason: String) async throws {
            let delay = configuration.retry.delay(afterAttempt: delivery.attempts)
            let state = try await queue.markFailed(delivery, status: status, error: reason, delay: delay, window: configuration.retry.window)
            metrics.recordFailed(state)
            logger.debug(
                "delivery failed", metadata: ["delivery": "\(delivery.id)", "reason": "\(reason)", "state": "\(state?.rawValue ?? "lease lost")"])
        }
        do {
            switch outcome {
            case .delivered(let status):
                if try await queue.markDelivered(delivery, status: status) { metrics.recordDelivered(committedAt: delivery.committedAt) }
            case .failed(_, _) where Task.isCancelled:
                try await queue.release([delivery])
            case .failed(let status, let reason):
                try await recordFailure(status: status, reason: reason)
            case .refused(let reason):
                // Retried like a failure: the operator may name the host meanwhile.
                try await recordFailure(status: nil, reason: reason)
            }
        } catch {
            // The lease runs out and another worker tries again: at-least-once.
            logger.warning("recording a delivery failed", metadata: ["delivery": "\(delivery.id)", "error": "\(String(reflecting: error))"])
        }
    }
}
