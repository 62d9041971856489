import ArgumentParser
import EventStore
import Foundation
import LogArchive
import Projections

/// `zaakstroom export --all | --stream ID [--output FILE]`: the log (or one stream) as an LZ4 frame of JSON
/// lines with the chain hashes, to stdout unless `--output` is given.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the event log as an LZ4-framed stream of JSON lines (with the chain hashes).")

    @Flag(help: "The whole log (importable with zaakstroom import).") var all = false
    @Option(help: "One stream only, e.g. zaak-<uuid> (for an auditor; not importable).") var stream: String?
    @Option(help: "File to write (default: stdout).") var output: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard all != (stream != nil) else { throw ValidationError("give either --all or --stream ID") }
        if output == nil, isatty(STDOUT_FILENO) != 0 {
            throw ValidationError("stdout is a terminal: redirect it to a file or give --output FILE")
        }
    }

    func run() async throws {
        let scope: LogExporter.Scope = stream.map { .stream($0) } ?? .all
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let opened = FileHandle(forWritingAtPath: output) else {
                throw CommandFailure("cannot create \(output)")
            }
            handle = opened
        } else {
            handle = .standardOutput
        }
        let start = ContinuousClock.now
        let events = try await CommandFailure.reporting {
            try await database.withStore(migrate: false) { store in
                try await LogExporter(store: store).export(scope, to: handle, progress: ProgressBar.show)
            }
        }
        try? handle.close()
        let seconds = ProgressBar.end(since: start)
        FileHandle.standardError.write(Data("exported \(events) events in \(String(format: "%.2f", seconds)) s\n".utf8))
    }
}

/// `zaakstroom import FILE`: loads a full export into an empty store (checking the chain line by line), builds
/// the read models and verifies the log; nothing is imported when anything is wrong.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load an export made with --all into an empty store, then build the read models.")

    @Argument(help: "The export file (- for stdin).") var file: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let file = file
        guard let handle = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file) else {
            throw CommandFailure("cannot open \(file)")
        }
        let start = ContinuousClock.now
        let summary = try await CommandFailure.reporting {
            try await database.withStore { store in
                try await LogImporter(store: store, projectors: ReadModels.projectors, finishing: ReadModels.counterRealignment)
                    .load(from: handle, progress: ProgressBar.show)
            }
        }
        let seconds = ProgressBar.end(since: start)
        print("imported \(summary.events) events in \(String(format: "%.2f", seconds)) s; chain verified up to head \(summary.headHash); read models built")
    }
}

/// A command's failure as one line on stderr and exit code 1 (no stack of error types).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }

    /// Runs `body`, turning an export or import error into a plain message.
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LogArchiveError {
            // A bar on a terminal leaves its line open.
            FileHandle.standardError.write(Data("\(ProgressBar.isTerminal ? "\n" : "")zaakstroom: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
