import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion and captures its output; as the `postgres` user when we are root, because
/// initdb and postgres refuse to run as root.
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

        let pid = try Spawn.start(argv, outputPath: outputPath)
        guard let exitStatus = Spawn.wait(pid) else { throw EmbeddedPostgresError("waiting for \(program) failed") }
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        return Result(status: exitStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Starts `/bin/sh -c script` and does not wait for it (it outlives us when it must).
    static func spawnShell(_ script: String) throws(EmbeddedPostgresError) {
        _ = try Spawn.start(["/bin/sh", "-c", script])
    }

    /// Quotes `text` for a POSIX shell.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// True when the postgres user can traverse to `path` (or, if it does not exist yet, to its nearest
    /// existing ancestor).
    static func postgresUserCanReach(_ path: String) -> Bool {
        var existing = URL(fileURLWithPath: path)
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            existing.deleteLastPathComponent()
        }
        return (try? run("/usr/bin/test", ["-x", existing.path], asPostgresUser: true).status) == 0
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
