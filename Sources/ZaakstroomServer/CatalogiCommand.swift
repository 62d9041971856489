import ArgumentParser
import CatalogiExchange
import CommandAPI
import Domain
import EventStore
import Foundation
import ZGWHTTP

/// `zaakstroom catalogi export|import`: catalogi in Open Zaak's ZIP format.
struct CatalogiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogi", abstract: "Export and import catalogi in Open Zaak's ZIP format.",
        subcommands: [CatalogiExportCommand.self, CatalogiImportCommand.self])
}

/// `zaakstroom catalogi export --catalogus <uuid|url> [--zaaktype <uuid|url>] --output FILE.zip`.
struct CatalogiExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a catalogus, or one zaaktype of it, as Open Zaak's export ZIP.")

    @Option(help: "The catalogus (uuid or URL).") var catalogus: String
    @Option(help: "Only this zaaktype of the catalogus (uuid or URL), with its besluittypen and informatieobjecttypen.") var zaaktype: String?
    @Option(help: "The ZIP file to write.") var output: String
    @Option(name: .customLong("public-url"), help: "Base URL of the URLs in the file (env ZAAKSTROOM_PUBLIC_URL; default http://localhost:8000).")
    var publicURL: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard let catalogusUUID = CatalogiCommandSupport.uuid(catalogus) else { throw ValidationError("--catalogus: not a uuid or catalogus URL") }
        let zaaktypeUUID = try zaaktype.map { text in
            guard let uuid = CatalogiCommandSupport.uuid(text) else { throw ValidationError("--zaaktype: not a uuid or zaaktype URL") }
            return uuid
        }
        let base = CatalogiCommandSupport.baseURL(publicURL)
        let start = ContinuousClock.now
        let archive = try await CatalogiCommandSupport.reporting {
            try await database.withStore { store in
                if let zaaktypeUUID {
                    let rows = try await store.client.query(
                        "SELECT 1 FROM catalogi.zaaktypen WHERE uuid = \(zaaktypeUUID) AND catalogus = \(catalogusUUID)").collect()
                    guard !rows.isEmpty else { throw CatalogiExporter.Failure.notFound("zaaktype \(zaaktypeUUID.uuidString.lowercased()) in this catalogus") }
                }
                return try await CatalogiExporter(client: store.client, baseURL: base).archive(zaaktypeUUID.map { .zaaktype($0) } ?? .catalogus(catalogusUUID))
            }
        }
        try archive.zipData().write(to: URL(fileURLWithPath: output))
        let seconds = ProgressBar.end(since: start)
        let counts = CatalogiResource.allCases.compactMap { resource in archive.objects[resource].flatMap { $0.isEmpty ? nil : "\($0.count) \(resource.rawValue)" } }
        print("exported \(archive.count) objects (\(counts.joined(separator: ", "))) to \(output) in \(String(format: "%.2f", seconds)) s")
    }
}

/// `zaakstroom catalogi import FILE.zip [--catalogus …] [--new-uuids] [--identificatie-prefix P] [--dry-run] [--publish] [--map-… OLD=EXISTING]`.
struct CatalogiImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import an Open Zaak (or Zaakstroom) catalogi export ZIP: all or nothing, with a report.")

    @Argument(help: "The export ZIP.") var file: String
    @Option(help: "Import into this existing catalogus (uuid or URL).") var catalogus: String?
    @Flag(name: .customLong("new-uuids"), help: "Give every created object a fresh uuid.") var newUUIDs = false
    @Option(name: .customLong("identificatie-prefix"), help: "Prefix every zaaktype's identificatie: P_<identificatie>.") var identificatiePrefix: String?
    @Flag(name: .customLong("dry-run"), help: "Report what would be created, reused and refused; write nothing.") var dryRun = false
    @Flag(help: "Publish the types the file has published, where they pass the publish rules.") var publish = false
    @Option(name: .customLong("map-informatieobjecttype"), help: "Use an existing informatieobjecttype instead of one of the file: OLD=EXISTING (uuids or URLs).")
    var informatieobjecttypeMappings: [String] = []
    @Option(name: .customLong("map-besluittype"), help: "Use an existing besluittype instead of one of the file: OLD=EXISTING.") var besluittypeMappings: [String] = []
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(name: .customLong("public-url"), help: "Base URL of our URLs in the report (env ZAAKSTROOM_PUBLIC_URL; default http://localhost:8000).")
    var publicURL: String?
    @Option(name: .customLong("selectielijst-url"), help: "Base URL of the Selectielijst API (env ZAAKSTROOM_SELECTIELIJST_URL; default https://selectielijst.openzaak.nl/api/v1).")
    var selectielijstURL: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var options = CatalogiImportOptions(
            catalogus: catalogus, newUUIDs: newUUIDs, identificatiePrefix: identificatiePrefix, dryRun: dryRun, publish: publish)
        for text in informatieobjecttypeMappings {
            guard let (old, existing) = CatalogiImportOptions.mapping(text) else { throw ValidationError("--map-informatieobjecttype \(text): expected OLD=EXISTING") }
            options.informatieobjecttypeMappings[old] = existing
        }
        for text in besluittypeMappings {
            guard let (old, existing) = CatalogiImportOptions.mapping(text) else { throw ValidationError("--map-besluittype \(text): expected OLD=EXISTING") }
            options.besluittypeMappings[old] = existing
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
        let base = CatalogiCommandSupport.baseURL(publicURL)
        let selectielijstBase = selectielijstURL ?? database.environment["ZAAKSTROOM_SELECTIELIJST_URL"] ?? "https://selectielijst.openzaak.nl/api/v1"
        // The same outbound rule as `serve`: the Selectielijst's host and the operator's named hosts only.
        let policy = OutboundPolicy.configured(
            serviceURLs: [selectielijstBase], hosts: (database.environment["ZAAKSTROOM_OUTBOUND_HOSTS"] ?? "").split(separator: ",").map(String.init))
        let selectielijst = SelectielijstClient(baseURL: selectielijstBase, outboundGuard: OutboundGuard(policy: policy))
        let start = ContinuousClock.now
        let optionsCopy = options
        let report = try await CatalogiCommandSupport.reporting {
            let archive = try CatalogiArchive.read(data)
            return try await database.withStore { store in
                let metadata = EventMetadata(userID: NSUserName(), method: "cli", actie: "create")
                return try await CatalogiImporter(store: store, commands: CatalogiCommandSet(store: store, selectielijst: selectielijst), baseURL: base)
                    .run(archive, options: optionsCopy, metadata: metadata) { done, total in ProgressBar.show(Int64(done), Int64(total), unit: "objects") }
            }
        }
        let seconds = ProgressBar.end(since: start)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            report.lines.forEach { print($0) }
        }
        let summary = "\(report.created.count) created, \(report.reused.count) reused, \(report.refused.count) refused"
            + (report.notPublished.isEmpty ? "" : ", \(report.notPublished.count) left concept")
        let time = String(format: "%.2f", seconds)
        if report.imported {
            FileHandle.standardError.write(Data("imported \(file): \(summary) in \(time) s\n".utf8))
        } else if report.refused.isEmpty {
            FileHandle.standardError.write(Data("dry run of \(file): \(summary) in \(time) s; nothing written\n".utf8))
        } else {
            FileHandle.standardError.write(Data("zaakstroom: \(file) not imported: \(summary); nothing written\n".utf8))
            throw ExitCode(1)
        }
    }
}

enum CatalogiCommandSupport {
    static func uuid(_ text: String) -> UUID? {
        UUID(uuidString: text) ?? URL(string: text).flatMap { UUID(uuidString: $0.lastPathComponent) }
    }

    static func baseURL(_ flag: String?) -> String {
        var base = flag ?? ProcessInfo.processInfo.environment["ZAAKSTROOM_PUBLIC_URL"] ?? "http://localhost:8000"
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Runs `body`, turning the exchange's errors into one line on stderr and exit code 1.
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CatalogiArchiveError {
            return try fail("\(error)")
        } catch let error as CatalogiImportError {
            return try fail("\(error)")
        } catch let error as CatalogiExporter.Failure {
            return try fail("\(error)")
        }
    }

    private static func fail<T>(_ message: String) throws -> T {
        FileHandle.standardError.write(Data("\(ProgressBar.isTerminal ? "\n" : "")zaakstroom: \(message)\n".utf8))
        throw ExitCode(1)
    }
}
