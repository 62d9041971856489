import Foundation
import Synchronization

/// Progress on stderr: a redrawn bar when stderr is a terminal, else a plain line every few seconds (for logs
/// and CI). Calls may come from several tasks at once; drawing is throttled.
enum ProgressBar {
    static let isTerminal = isatty(STDERR_FILENO) != 0
    private static let lastDraw = Mutex<ContinuousClock.Instant?>(nil)

    @Sendable static func show(_ done: Int64, _ total: Int64) {
        show(done, total, unit: "events")
    }

    /// The same counting `unit` (e.g. `objects`).
    @Sendable static func show(_ done: Int64, _ total: Int64, unit: String) {
        let interval: Duration = isTerminal ? .milliseconds(100) : .seconds(5)
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last -> Bool in
            // In a log, a line only when the work lasts: the first one after `interval`.
            guard let previous = last else {
                last = now
                return isTerminal
            }
            if now - previous < interval || (!isTerminal && done >= total) { return false }
            last = now
            return true
        }
        guard due else { return }
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let figures = "\(Int(fraction * 100))% \(done)/\(total) \(unit)"
        if isTerminal {
            let filled = Int(fraction * 30)
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(figures)".utf8))
        } else {
            FileHandle.standardError.write(Data("progress: \(figures)\n".utf8))
        }
    }

    /// Ends the bar's line; returns the seconds since `start`.
    @discardableResult
    static func end(since start: ContinuousClock.Instant) -> Double {
        lastDraw.withLock { $0 = nil }
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func finish(events: Int, since start: ContinuousClock.Instant) {
        let seconds = end(since: start)
        print("replayed \(events) events in \(String(format: "%.2f", seconds)) s (\(rate(events, seconds)) events/s)")
    }

    static func rate(_ events: Int, _ seconds: Double) -> Int {
        seconds > 0 ? Int(Double(events) / seconds) : 0
    }
}
