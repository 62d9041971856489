import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starting programs with posix_spawn and reaping them with waitpid. Foundation's `Process` relies on SIGCHLD
/// monitoring that did not always observe a child's exit inside the test runner, which left callers waiting.
public enum Spawn {
    /// Starts `arguments[0]` with stdin from /dev/null and stdout+stderr into `outputPath` (or /dev/null).
    public static func start(_ arguments: [String], environment: [String: String]? = nil, outputPath: String? = nil) throws(EmbeddedPostgresError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result: Int32
        if envp != nil {
            result = posix_spawn(&pid, arguments[0], &actions, nil, &argv, &envp!)
        } else {
            result = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        }
        guard result == 0 else { throw EmbeddedPostgresError("could not run \(arguments[0]): \(String(cString: strerror(result)))") }
        return pid
    }

    /// Waits for `pid`; with `block: false` returns nil at once if it still runs. The exit code, or 128 + signal.
    public static func wait(_ pid: pid_t, block: Bool = true) -> Int32? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, block ? 0 : WNOHANG)
            if result == pid { return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
            if result == -1, errno == EINTR { continue }
            return nil
        }
    }
}
