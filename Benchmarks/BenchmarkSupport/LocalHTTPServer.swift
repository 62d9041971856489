import Hummingbird
import Logging

/// Runs a Hummingbird router on 127.0.0.1 (a free port, or `port`) for the duration of `body`: the stubs and
/// receivers the benchmarks talk to.
public enum LocalHTTPServer {
    public static func run<Result: Sendable>(
        _ router: Router<BasicRequestContext>, port: Int = 0, logger: Logger = LocalHTTPServer.quietLogger, _ body: (Int) async throws -> Result
    ) async throws -> Result {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            return try await body(await iterator.next() ?? 0)
        }
    }

    /// Start and shutdown lines (a cancelled child channel logs at error level) are no findings.
    public static var quietLogger: Logger {
        var logger = Logger(label: "bench-local")
        logger.logLevel = .critical
        return logger
    }
}
