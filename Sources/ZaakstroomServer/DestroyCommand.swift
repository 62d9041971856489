import ArgumentParser
import CommandAPI
import Domain
import EventStore
import Foundation
import QueryAPI

/// `zaakstroom destroy zaak <uuid|identificatie> [--reason]` and `zaakstroom destroy due [--dry-run]`:
/// archival destruction (see `ZaakDestruction`), by hand or of every zaak whose archiefactiedatum has come.
struct DestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy", abstract: "Archival destruction of zaken (payloads removed, the chain stays verifiable).",
        subcommands: [DestroyZaakCommand.self, DestroyDueCommand.self])

    static func metadata(_ reason: String?) -> EventMetadata {
        EventMetadata(
            clientID: "cli", applicatieLabel: "zaakstroom destroy", userID: ProcessInfo.processInfo.environment["USER"] ?? "",
            toelichting: reason, method: "cli", actie: "destroy")
    }
}

struct DestroyZaakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "zaak", abstract: "Destroy one zaak now.")

    @Argument(help: "The zaak's uuid or identificatie.") var zaak: String
    @Option(help: "Why (recorded with the destruction).") var reason: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (zaak, reason) = (zaak, reason)
        let removed: Int? = try await database.withStore { store in
            guard let history = try await ZaakHistory.load(zaak, store: store) else { return nil }
            return try await ZaakDestruction(store: store).destroy(history.zaak, metadata: DestroyCommand.metadata(reason))
        }
        guard let removed else {
            FileHandle.standardError.write(Data("zaakstroom: no zaak \(zaak)\n".utf8))
            throw ExitCode(1)
        }
        print("destroyed \(zaak): \(removed) payloads removed; the chain still verifies (zaakstroom verify)")
    }
}

struct DestroyDueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due", abstract: "Destroy every zaak with archiefnominatie vernietigen whose archiefactiedatum has passed.")

    @Flag(help: "Only list them.") var dryRun = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let dryRun = dryRun
        let destroyed = try await database.withStore { store in
            let destruction = ZaakDestruction(store: store)
            let due = try await destruction.due(on: ZGWDateTime.today())
            if !dryRun {
                for zaak in due { _ = try await destruction.destroy(zaak, metadata: DestroyCommand.metadata("archiefactiedatum verstreken")) }
            }
            return due
        }
        destroyed.forEach { print("\(dryRun ? "due" : "destroyed") \($0.lowercased)") }
        print("\(destroyed.count) zaken \(dryRun ? "due" : "destroyed")")
    }
}
