import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion and captures its output; as the `postgres` user when we are root, because
/// initdb and postgres refuse to run as root.
///
/// Uses posix_spawn and waitpid directly: Foundation's `Process` relies on SIGCHLD monitoring that did not
/// always observe the exit of `runuser` inside the test runner, which left the caller waiting forever.
struct ProcessRunner: Sendable {
    static let postgresUser = "postgres"

    static var isRoot: Bool { getuid() == 0 }

    struct Result {
        let status: Int32
        let output: String
    }

    /// Runs `program` with `arguments` and returns its exit status and combined output.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], asPostgresUser: Bool = isRoot) throws(EmbeddedPostgresError) -> Result {
        let argv = asPostgresUser ? ["/usr/sbin/runuser", "-u", postgresUser, "--", program] + arguments : [program] + arguments
        // Output goes to a file, not a pipe: `pg_ctl start` leaves the postmaster running with our stdout
        // inherited, so reading a pipe to its end would wait for the server to stop.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else {
            throw EmbeddedPostgresError("could not run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw EmbeddedPostgresError("waiting for \(program) failed: \(String(cString: strerror(errno)))") }
        }
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        return Result(status: exitStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Starts `/bin/sh -c script` and does not wait for it (it outlives us when it must).
    static func spawnShell(_ script: String) throws(EmbeddedPostgresError) {
        let argv = ["/bin/sh", "-c", script]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in Int32(0)...2 {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw EmbeddedPostgresError("could not start a watchdog: \(String(cString: strerror(spawned)))") }
    }

    /// Quotes `text` for a POSIX shell.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Gives `path` to the postgres user (when we are root), so the server may write there.
    static func handToPostgresUser(_ path: String) throws(EmbeddedPostgresError) {
        guard isRoot else { return }
        let result = try run("/bin/chown", ["\(postgresUser):", path], asPostgresUser: false)
        guard result.status == 0 else { throw EmbeddedPostgresError("chown of \(path) failed: \(result.output)") }
        // The postgres user must be able to reach the folder through its parents.
        let probe = try run("/usr/bin/test", ["-w", path], asPostgresUser: true)
        guard probe.status == 0 else {
            throw EmbeddedPostgresError(
                "the postgres user cannot reach \(path) (a parent folder is closed to other users): "
                    + "choose a data folder it can reach, e.g. --data-dir /var/lib/zaakstroom")
        }
    }
}
