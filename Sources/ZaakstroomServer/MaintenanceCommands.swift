import ArgumentParser
import EventStore
import Foundation
import Logging
import Projections

/// `zaakstroom migrate`: applies the schema migrations and exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply database migrations and exit.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let applied = try await database.withStore(migrate: false, quiet: false) { store in
            try await MigrationRunner(migrations: ReadModels.migrations).migrate(client: store.client, logger: store.logger)
        }
        print(applied.isEmpty ? "schema is current" : "applied: \(applied.joined(separator: ", "))")
    }
}

/// `zaakstroom verify`: recomputes the event log's hash chain; exits non-zero naming the first broken position.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Verify the hash chain of the event log.")

    @Option(help: "First position to verify.") var from: Int64 = 1
    @Option(help: "Last position to verify (default: the head).") var to: Int64?
    @Flag(help: """
        Check the links only: take each event's stored payload digest as it is instead of recomputing it from the \
        payload (about twice as fast; a payload altered without its digest is then found only by a full verify).
        """)
    var linksOnly = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (from, to, payloads) = (from, to, !linksOnly)
        let start = ContinuousClock.now
        let result = try await database.withStore(migrate: false) { store in
            try await store.verify(from: from, to: to, payloads: payloads, progress: ProgressBar.show)
        }
        let seconds = ProgressBar.end(since: start)
        switch result {
        case .intact(let events, let last):
            print("intact: \(events) events verified up to position \(last) in \(String(format: "%.2f", seconds)) s (\(ProgressBar.rate(Int(events), seconds)) events/s)")
        case .broken(let position, let reason):
            print("BROKEN at position \(position): \(reason.rawValue)")
            throw ExitCode(2)
        }
    }
}
