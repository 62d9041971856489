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

    @Flag(help: "Replay every event through the projectors, also for groups built from the log in SQL (slower; for comparison).")
    var replay = false
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
                    let events = try await ProjectionCheck.rebuild(
                        from: store, into: target, groups: replay ? ReadModels.groups.map(\.replayed) : ReadModels.groups, logger: store.logger,
                        progress: ProgressBar.show)
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

/// `zaakstroom rebuild [--projection NAME]`: rebuilds read models from the log into shadow schemas and swaps
/// them in (see `ShadowRebuild`) while the server keeps serving; writes wait only for the short swap.
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild", abstract: "Rebuild read models from the event log into shadow tables and swap them in.")

    @Option(help: "One projection group: \(ReadModels.groups.map(\.name).joined(separator: ", ")) (default: all).") var projection: String?
    @Flag(help: "Replay every event through the projectors, also for groups built from the log in SQL (slower; for comparison).")
    var replay = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let projection, !ReadModels.groups.contains(where: { $0.name == projection }) {
            throw ValidationError("unknown projection \(projection); one of: \(ReadModels.groups.map(\.name).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let groups = ReadModels.groups.filter { projection == nil || $0.name == projection }
        try await database.withStore { store in
            let start = ContinuousClock.now
            let events = try await ShadowRebuild.run(store: store, groups: replay ? groups.map(\.replayed) : groups, logger: store.logger, progress: ProgressBar.show)
            ProgressBar.finish(events: events, since: start)
            print("swapped in: \(groups.map(\.name).joined(separator: ", "))")
        }
    }
}
