/// When a long replay should run `ANALYZE`. Tables made or emptied in the replay's transaction have no
/// statistics (autovacuum cannot see them), so the planner takes them for tiny and the projectors' correlated
/// subqueries turn into sequential scans: quadratic. Analysing at 1k, 4k, 16k … events keeps plans sane at a
/// logarithmic cost.
public struct StatisticsSchedule: Sendable {
    private var next: Int

    public init(first: Int = 1000) {
        next = first
    }

    /// True when `replayed` events have passed the next mark (and moves the mark on).
    public mutating func isDue(after replayed: Int) -> Bool {
        guard replayed >= next else { return false }
        while next <= replayed { next *= 4 }
        return true
    }
}
