import EventStore

/// Optimistic concurrency for commands: a command reads its aggregate, decides, and appends at the version it
/// read; when another write came in between (`wrongExpectedVersion`), it runs again on the new state.
enum OptimisticRetry {
    @discardableResult
    static func run<Result>(limit: Int = 20, _ attempt: () async throws -> Result) async throws -> Result {
        var count = 0
        while true {
            count += 1
            do {
                return try await attempt()
            } catch let error as EventStoreError where error.code == .wrongExpectedVersion && count < limit {
                continue
            }
        }
    }
}
