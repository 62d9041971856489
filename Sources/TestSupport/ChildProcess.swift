import EmbeddedPostgres
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program started by a test (the `zaakstroom` binary), through `Spawn` (posix_spawn and waitpid).
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    /// Where its stdout and stderr go.
    public let outputPath: String
    private var exitStatus: Int32?

    /// Starts `arguments[0]` with `arguments` and `environment`.
    public init(_ arguments: [String], environment: [String: String]) throws {
        outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-child-\(UUID().uuidString).log").path
        pid = try Spawn.start(arguments, environment: environment, outputPath: outputPath)
    }

    public func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits up to `timeout` for the process to exit; its exit status, or nil if it still runs.
    public func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if let exitStatus { return exitStatus }
            if let status = Spawn.wait(pid, block: false) {
                exitStatus = status
                return status
            }
            try? await Task.sleep(for: .milliseconds(50))
        } while ContinuousClock.now < deadline
        return nil
    }

    public var output: String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = Spawn.wait(pid)
        }
        try? FileManager.default.removeItem(atPath: outputPath)
    }
}
