import BenchmarkSupport

/// `concurrency` callers, each sending its next request as soon as the previous one answered, for `seconds`
/// after a one-second warm-up (not recorded). A thrown error or a non-2xx answer counts as an error; latency
/// is kept for successes only.
struct ClosedLoop {
    let concurrency: Int
    let seconds: Double

    /// `body(caller, iteration)` returns whether the request succeeded.
    func run(scenario: String, name: String, _ body: @escaping @Sendable (Int, Int) async throws -> Bool) async -> LoadResult {
        let warmUp = ContinuousClock.now + .seconds(1)
        let deadline = warmUp + .milliseconds(Int(seconds * 1000))
        let results = await withTaskGroup(of: ([Double], Int).self) { group in
            for caller in 0..<concurrency {
                group.addTask {
                    var samples: [Double] = [], errors = 0, iteration = 0
                    while true {
                        let start = ContinuousClock.now
                        guard start < deadline else { break }
                        let ok = (try? await body(caller, iteration)) ?? false
                        iteration += 1
                        guard start >= warmUp else { continue }
                        if ok { samples.append((ContinuousClock.now - start).milliseconds) } else { errors += 1 }
                    }
                    return (samples, errors)
                }
            }
            var all: ([Double], Int) = ([], 0)
            for await (samples, errors) in group {
                all.0 += samples
                all.1 += errors
            }
            return all
        }
        let result = LoadResult(scenario: scenario, name: name, concurrency: concurrency, samples: results.0, errors: results.1, seconds: seconds)
        result.printed()
        return result
    }
}
