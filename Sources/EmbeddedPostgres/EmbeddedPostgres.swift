import Foundation
import Logging

/// A PostgreSQL server private to one data folder: initialised on first use, started on a Unix socket only
/// (no TCP port), reused on the next start, stopped on request.
///
/// Layout of the data folder: `pg/` (the cluster), `postgres.log`, and `run/` (the socket directory, unless
/// its path is too long for a Unix socket, then a folder under /tmp).
public struct EmbeddedPostgres: Sendable {
    public struct Configuration: Sendable {
        /// The folder everything lives in; created if missing.
        public var dataDirectory: String
        /// The database to create and connect to.
        public var database: String
        /// The superuser the cluster is initialised with (independent of the OS user).
        public var username: String
        /// Extra `postgres -c` settings, e.g. `fsync=off` for tests.
        public var settings: [String: String]

        public init(dataDirectory: String, database: String = "zaakstroom", username: String = "zaakstroom", settings: [String: String] = [:]) {
            self.dataDirectory = dataDirectory
            self.database = database
            self.username = username
            self.settings = settings
        }
    }

    /// How to reach the running server.
    public struct Connection: Sendable {
        /// Full path of the socket file (`.../.s.PGSQL.5432`), as PostgresNIO's `unixSocketPath` wants it.
        public let socketPath: String
        public let socketDirectory: String
        public let username: String
        public let database: String
        /// True when this call started the server (false when it was running already), so the caller knows
        /// whether stopping it is its job.
        public let startedServer: Bool
    }

    public let configuration: Configuration
    public let binaries: PostgresBinaries
    let logger: Logger
    /// Where the cluster, its log and its socket live: the data folder, unless we are root and the postgres
    /// user cannot reach it (a folder under /root, say); then a folder of its own under /var/lib/zaakstroom.
    let root: String

    public init(configuration: Configuration, binaries: PostgresBinaries? = nil, logger: Logger) throws(EmbeddedPostgresError) {
        self.configuration = configuration
        if let binaries {
            self.binaries = binaries
        } else {
            self.binaries = try PostgresBinaries.locate()
        }
        self.logger = logger
        let requested = URL(fileURLWithPath: configuration.dataDirectory).standardizedFileURL.path
        if ProcessRunner.isRoot, !ProcessRunner.postgresUserCanReach(requested) {
            let name = URL(fileURLWithPath: requested).lastPathComponent
            self.root = "/var/lib/zaakstroom/\(name)-\(Self.shortHash(requested))"
        } else {
            self.root = requested
        }
    }

    /// The data folder as configured.
    var requestedDirectory: String { URL(fileURLWithPath: configuration.dataDirectory).standardizedFileURL.path }

    /// A stable short name for a path (FNV-1a, base 36).
    static func shortHash(_ text: String) -> String {
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return String(hash, radix: 36)
    }
    var clusterDirectory: String { "\(root)/pg" }
    var logFile: String { "\(root)/postgres.log" }

    /// The socket directory: inside the data folder when the socket path fits the 107-byte limit.
    var socketDirectory: String {
        let inside = "\(root)/run"
        if (inside + "/.s.PGSQL.5432").utf8.count < 100 { return inside }
        return "/tmp/zaakstroom-\(Self.shortHash(root))"
    }

    /// Initialises the cluster if needed, starts it if it is not running, creates the database if missing.
    public func start() throws(EmbeddedPostgresError) -> Connection {
        let fileManager = FileManager.default
        for directory in [requestedDirectory, root, socketDirectory] {
            do {
                try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw EmbeddedPostgresError("cannot create \(directory): \(error)")
            }
        }
        if root != requestedDirectory {
            logger.notice("the postgres user cannot reach \(requestedDirectory); the embedded cluster lives in \(root)")
            try? "The embedded PostgreSQL of this data folder lives in \(root): the postgres user cannot reach this folder.\n"
                .write(toFile: "\(requestedDirectory)/CLUSTER-LOCATION", atomically: true, encoding: .utf8)
        }
        try ProcessRunner.handToPostgresUser(root)
        try ProcessRunner.handToPostgresUser(socketDirectory)
        if !fileManager.fileExists(atPath: "\(clusterDirectory)/PG_VERSION") {
            logger.info("initialising embedded PostgreSQL", metadata: ["path": "\(clusterDirectory)"])
            let result = try ProcessRunner.run(
                binaries.path("initdb"),
                ["-D", clusterDirectory, "-U", configuration.username, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])
            guard result.status == 0 else { throw EmbeddedPostgresError("initdb failed: \(result.output)") }
        }
        let wasRunning = try isRunning()
        if wasRunning {
            logger.info("embedded PostgreSQL already running, reusing it", metadata: ["path": "\(clusterDirectory)"])
        } else {
            var options = ["-k '\(socketDirectory)'", "-c listen_addresses=''", "-c unix_socket_permissions=0700"]
            options += configuration.settings.sorted(by: { $0.key < $1.key }).map { "-c \($0.key)=\($0.value)" }
            let result = try ProcessRunner.run(
                binaries.path("pg_ctl"),
                ["start", "-w", "-t", "120", "-D", clusterDirectory, "-l", logFile, "-o", options.joined(separator: " ")])
            guard result.status == 0 else {
                let log = (try? String(contentsOfFile: logFile, encoding: .utf8))?.split(separator: "\n").suffix(10).joined(separator: "\n") ?? ""
                throw EmbeddedPostgresError("PostgreSQL did not start: \(result.output)\n\(log)")
            }
            logger.info("embedded PostgreSQL started", metadata: ["socket": "\(socketDirectory)"])
        }
        try createDatabaseIfMissing()
        return Connection(
            socketPath: "\(socketDirectory)/.s.PGSQL.5432", socketDirectory: socketDirectory,
            username: configuration.username, database: configuration.database, startedServer: !wasRunning)
    }

    /// Stops the server (fast shutdown: active sessions are ended, the cluster is left consistent).
    public func stop() throws(EmbeddedPostgresError) {
        guard try isRunning() else { return }
        let result = try ProcessRunner.run(binaries.path("pg_ctl"), ["stop", "-w", "-t", "60", "-m", "fast", "-D", clusterDirectory])
        guard result.status == 0 else { throw EmbeddedPostgresError("pg_ctl stop failed: \(result.output)") }
        logger.info("embedded PostgreSQL stopped")
    }

    /// Starts a small watchdog that stops the server (and removes the data folder when `removeData`) as soon
    /// as process `pid` is gone, however it ended: a crash or SIGKILL leaves no PostgreSQL behind either.
    public func stopWhenProcessExits(pid: Int32 = ProcessInfo.processInfo.processIdentifier, removeData: Bool = false) throws(EmbeddedPostgresError) {
        let runAs = ProcessRunner.isRoot ? "/usr/sbin/runuser -u \(ProcessRunner.postgresUser) -- " : ""
        var script = "while kill -0 \(pid) 2>/dev/null; do sleep 1; done; "
        script += "\(runAs)\(ProcessRunner.shellQuoted(binaries.path("pg_ctl"))) stop -w -t 60 -m fast -D \(ProcessRunner.shellQuoted(clusterDirectory))"
        if removeData {
            script += "; rm -rf \(ProcessRunner.shellQuoted(root))"
            if !socketDirectory.hasPrefix(root + "/") { script += " \(ProcessRunner.shellQuoted(socketDirectory))" }
            if root != requestedDirectory { script += " \(ProcessRunner.shellQuoted(requestedDirectory))" }
        }
        try ProcessRunner.spawnShell(script)
    }

    /// True when a server runs on this cluster (`pg_ctl status` exits 0).
    public func isRunning() throws(EmbeddedPostgresError) -> Bool {
        guard FileManager.default.fileExists(atPath: "\(clusterDirectory)/PG_VERSION") else { return false }
        return try ProcessRunner.run(binaries.path("pg_ctl"), ["status", "-D", clusterDirectory]).status == 0
    }

    /// Runs SQL through psql on the maintenance database.
    public func psql(_ sql: String, database: String = "postgres") throws(EmbeddedPostgresError) -> String {
        let result = try ProcessRunner.run(
            binaries.path("psql"),
            ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-U", configuration.username, "-d", database, "-c", sql])
        guard result.status == 0 else { throw EmbeddedPostgresError("psql failed: \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func createDatabaseIfMissing() throws(EmbeddedPostgresError) {
        let name = configuration.database
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw EmbeddedPostgresError("database name \(name) must be letters, digits and _")
        }
        if try psql("SELECT 1 FROM pg_database WHERE datname = '\(name)'") != "1" {
            _ = try psql("CREATE DATABASE \(name)")
        }
    }
}
