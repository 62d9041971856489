import BenchmarkSupport

/// The figures of one measured scenario: what the report's tables and chart show.
struct LoadResult: Codable, Sendable {
    var scenario: String
    var name: String
    var concurrency: Int
    var requests: Int
    var errors: Int
    var seconds: Double
    var requestsPerSecond: Double
    var median: Double
    var p95: Double
    var p99: Double
    /// Extra figures of a scenario (commit-to-delivery delay, the ratio to the hello route, the page used).
    var notes: [String: Double] = [:]

    init(scenario: String, name: String, concurrency: Int, samples: [Double], errors: Int, seconds: Double) {
        let figures = Percentiles(samples)
        self.scenario = scenario
        self.name = name
        self.concurrency = concurrency
        requests = samples.count
        self.errors = errors
        self.seconds = seconds
        requestsPerSecond = Double(samples.count) / max(seconds, 0.001)
        median = figures.median
        p95 = figures.at(0.95)
        p99 = figures.at(0.99)
    }

    func printed() {
        print("\(name) ×\(concurrency)".padding(toLength: 52, withPad: " ", startingAt: 0), String(
            format: "%8.0f req/s  median %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  errors %d", requestsPerSecond, median, p95, p99, errors))
    }
}
