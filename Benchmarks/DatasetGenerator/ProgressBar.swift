import Foundation
import Synchronization

/// A one-line progress bar on stderr with the rate so far, redrawn at most ten times a second.
final class ProgressBar: Sendable {
    let label: String
    let total: Int64
    let start = ContinuousClock.now
    private let state = Mutex((done: Int64(0), drawn: ContinuousClock.now - .seconds(1)))

    init(_ label: String, total: Int64) {
        self.label = label
        self.total = total
    }

    func advance(by count: Int64) { set(state.withLock { $0.done } + count) }

    func set(_ done: Int64) {
        let now = ContinuousClock.now
        let draw: Bool = state.withLock { state in
            state.done = max(state.done, done)
            guard now - state.drawn > .milliseconds(100) || state.done >= total else { return false }
            state.drawn = now
            return true
        }
        if draw { self.draw(state.withLock { $0.done }) }
    }

    private func draw(_ done: Int64) {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int(fraction * 30)
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled)
        let rate = Double(done) / max(seconds, 0.001)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total) events, \(Int(rate))/s   ".utf8))
    }

    var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Ends the line; returns the elapsed seconds.
    func finish() -> Double {
        draw(state.withLock { $0.done })
        FileHandle.standardError.write(Data("\n".utf8))
        return seconds
    }
}
