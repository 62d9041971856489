/// When to try a failed delivery again: exponential backoff from `initialDelay`, doubling up to `maxDelay`,
/// with jitter (each delay drawn from its upper half, so subscribers coming back up are not hit in waves),
/// until the next attempt would fall outside `window`; then the delivery is dead.
public struct RetryPolicy: Sendable, Equatable {
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// How long after its creation (or requeue) a delivery is retried. At least a day in production.
    public var window: Duration

    public init(initialDelay: Duration = .seconds(10), maxDelay: Duration = .seconds(3600), window: Duration = .seconds(48 * 3600)) {
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.window = window
    }

    /// The delay after failed attempt number `attempt` (1-based).
    public func delay(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(initialDelay.seconds * Double(1 << exponent), maxDelay.seconds)
        let jittered = Double.random(in: (ceiling / 2)...max(ceiling, ceiling / 2))
        return .milliseconds(Int64((jittered * 1000).rounded()))
    }
}
