import EmbeddedPostgres
import Foundation
import Logging
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Embedded PostgreSQL")
struct EmbeddedPostgresTests {
    @Test("as root, a data folder the postgres user cannot reach gets its cluster under /var/lib/zaakstroom", .enabled(if: getuid() == 0))
    func unreachableDataFolderAsRoot() throws {
        let closed = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-closed-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: closed, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: closed) }
        let cluster = try EmbeddedPostgres(
            configuration: .init(dataDirectory: "\(closed)/data", settings: ["fsync": "off"]), logger: Logger(label: "test"))
        let connection = try cluster.start()
        defer {
            try? cluster.stop()
            if let location = try? String(contentsOfFile: "\(closed)/data/CLUSTER-LOCATION", encoding: .utf8),
                let path = location.split(separator: " ").first(where: { $0.hasPrefix("/var/lib/zaakstroom/") })
            {
                try? FileManager.default.removeItem(atPath: String(path.dropLast()))
            }
        }
        #expect(connection.socketDirectory.hasPrefix("/var/lib/zaakstroom/data-"))
        #expect(try cluster.psql("SELECT current_database()", database: "zaakstroom") == "zaakstroom")
        #expect(FileManager.default.fileExists(atPath: "\(closed)/data/CLUSTER-LOCATION"))
        try cluster.stop()
        #expect(try cluster.isRunning() == false)
    }

    @Test("missing server programs give one clear line saying what to install")
    func missingBinariesAreExplained() throws {
        #expect {
            _ = try PostgresBinaries.locate(environment: ["PATH": "/nonexistent"], searchDebianFolders: false)
        } throws: { error in
            let text = "\(error)"
            return text.contains("apt-get install postgresql") && !text.contains("\n")
        }
    }
}
