/// A single consumer's wake-ups: one per `signal()` (coalesced while it is busy) and one per `interval`,
/// ending at `finish()`. The notifier's tail signals its local worker when it has queued deliveries; the
/// interval covers retries coming due and work queued by other instances.
final class WakeUps: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let ticker: Task<Void, Never>

    init(interval: Duration) {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.stream = stream
        self.continuation = continuation
        ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                continuation.yield()
            }
        }
    }

    func signal() {
        continuation.yield()
    }

    func finish() {
        ticker.cancel()
        continuation.finish()
    }

    deinit {
        finish()
    }
}
