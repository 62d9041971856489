import Foundation

/// Where the PostgreSQL server programs are: a directory holding `initdb`, `pg_ctl`, `postgres` and `psql`.
public struct PostgresBinaries: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func path(_ program: String) -> String { "\(directory)/\(program)" }

    /// Looks in PATH first, then in Debian's `/usr/lib/postgresql/<major>/bin`, highest major first.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment, searchDebianFolders: Bool = true
    ) throws(EmbeddedPostgresError) -> PostgresBinaries {
        let fileManager = FileManager.default
        var candidates = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let debianRoot = "/usr/lib/postgresql"
        let majors = (searchDebianFolders ? (try? fileManager.contentsOfDirectory(atPath: debianRoot)) ?? [] : [])
            .compactMap { Int($0) }.sorted(by: >)
        candidates += majors.map { "\(debianRoot)/\($0)/bin" }
        for directory in candidates where fileManager.isExecutableFile(atPath: "\(directory)/initdb") {
            // PATH may hold symlinks to a few of the programs (initdb, pg_ctl, postgres): use their real folder,
            // which has the rest (psql) too.
            let real = URL(fileURLWithPath: "\(directory)/initdb").resolvingSymlinksInPath().deletingLastPathComponent().path
            let binaries = PostgresBinaries(directory: real)
            if ["initdb", "pg_ctl", "postgres", "psql"].allSatisfy({ fileManager.isExecutableFile(atPath: binaries.path($0)) }) {
                return binaries
            }
        }
        throw EmbeddedPostgresError(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in PATH or /usr/lib/postgresql/*/bin: "
                + "install them (Debian/Ubuntu: apt-get install postgresql) or set DATABASE_URL to an existing server")
    }
}
