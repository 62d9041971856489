import Hummingbird

/// Serves `router` on 127.0.0.1 at `port` (0: a free one) for the duration of `body`, which gets the port.
func withLocalServer<Result: Sendable>(
    _ router: Router<BasicRequestContext>, port: Int = 0, _ body: @Sendable (Int) async throws -> Result
) async throws -> Result {
    let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
        onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) })
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        defer { group.cancelAll() }
        var ports = portStream.makeAsyncIterator()
        return try await body(await ports.next() ?? 0)
    }
}
