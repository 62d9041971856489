import ArgumentParser
import EventStore
import Foundation
import Logging
import PostgresNIO
import Projections

/// `zaakstroom check-projections`: rebuilds the read models from the log into a scratch database on the same
/// server and compares them row by row with the live ones; exits 3 listing the differences.
struct CheckProjectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-projections", abstract: "Rebuild the read models into a scratch database and compare them with the live ones.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let differences = try await database.withStoreAndDatabase { store, configuration in
            let name = "zaakstroom_check_\(UUID().uuidString.prefix(8).lowercased())"
            try await store.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            var scratch = configuration
            scratch.database = name
            let target = PostgresClient(configuration: scratch, backgroundLogger: store.logger)
            let result: Result<[ProjectionCheck.Difference], any Error> = await withTaskGroup(of: Void.self) { group in
                group.addTask { await target.run() }
                defer { group.cancelAll() }
                do {
                    try await MigrationRunner(migrations: ReadModels.migrations).migrate(client: target, logger: store.logger)
                    let start = ContinuousClock.now
                    let events = try await ProjectionCheck.replay(
                        from: store, into: target, projectors: ReadModels.projectors, logger: store.logger, progress: ProgressBar.show)
                    ProgressBar.finish(events: events, since: start)
                    return .success(try await ProjectionCheck.compare(live: store.client, rebuilt: target, logger: store.logger))
                } catch {
                    return .failure(error)
                }
            }
            try? await Task.sleep(for: .milliseconds(100))
            _ = try? await store.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            return try result.get()
        }
        if differences.isEmpty {
            print("read models equal the log")
        } else {
            differences.forEach { print($0) }
            throw ExitCode(3)
        }
    }
}

/// `zaakstroom rebuild`: rebuilds every read model from the log in place, in one transaction, while the server
/// keeps serving the old rows until the commit.
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Rebuild the read models from the event log.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await database.withStore { store in
            let start = ContinuousClock.now
            let events = try await ProjectionRebuild.inPlace(store: store, projectors: ReadModels.projectors, logger: store.logger, progress: ProgressBar.show)
            ProgressBar.finish(events: events, since: start)
        }
    }
}

/// A one-line progress bar on stderr, and the throughput at the end.
enum ProgressBar {
    @Sendable static func show(_ done: Int64, _ total: Int64) {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let filled = Int(fraction * 30)
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(Int(fraction * 100))% \(done)/\(total) events".utf8))
    }

    static func finish(events: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(Data("\n".utf8))
        print("replayed \(events) events in \(String(format: "%.2f", seconds)) s (\(seconds > 0 ? Int(Double(events) / seconds) : 0) events/s)")
    }
}
