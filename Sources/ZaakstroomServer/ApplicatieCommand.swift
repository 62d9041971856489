import ArgumentParser
import CommandAPI
import EventStore
import Foundation
import Logging
import Projections

/// `zaakstroom applicatie create`: registers an API client (applicatie) with its JWT secret.
struct ApplicatieCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "applicatie", abstract: "Manage API clients (applicaties) and their JWT secrets.",
        subcommands: [Create.self, SetSecret.self, Apply.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an applicatie for a client id, with its JWT secret.")

        @Option(name: .customLong("client-id"), help: "The JWT client_id.") var clientID: String
        @Option(help: "The JWT secret (HS256).") var secret: String
        @Option(help: "A readable name (default: the client id).") var label: String?
        @Flag(name: .customLong("all"), help: "Grant every autorisatie (heeftAlleAutorisaties).") var all = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (clientID, secret, label, all) = (clientID, secret, label ?? clientID, all)
            let applicatie = try await database.withStore { store in
                try await ApplicatieCommands(store: store).create(
                    clientID: clientID, secret: secret, label: label, heeftAlleAutorisaties: all,
                    metadata: EventMetadata(userID: NSUserName(), method: "cli", actie: "create"))
            }
            print("created applicatie \(applicatie.uuid.uuidString.lowercased()) for client id \(clientID)\(all ? " with all autorisaties" : "")")
            print("make a token with: zaakstroom token --client-id \(clientID) --secret <secret>")
        }
    }

    struct SetSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-secret", abstract: "Set or replace the JWT secret of a client id.")

        @Option(name: .customLong("client-id"), help: "The JWT client_id.") var clientID: String
        @Option(help: "The new JWT secret.") var secret: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (clientID, secret) = (clientID, secret)
            try await database.withStore { store in
                try await ApplicatieCommands(store: store).setSecret(clientID: clientID, secret: secret)
            }
            print("secret set for client id \(clientID)")
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply a JSON file of applicaties with their secrets (idempotent).")

        @Argument(help: "The JSON file (a list of {clientIds, label, secret, heeftAlleAutorisaties, autorisaties}).") var file: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let applicaties = try ApplicatieConfiguration.load(path: file)
            let outcomes = try await database.withStore { store in
                try await applicaties.apply(store: store, metadata: EventMetadata(userID: NSUserName(), method: "cli", actie: "apply"))
            }
            for (entry, outcome) in zip(applicaties.entries, outcomes) { print("\(entry.clientIds.joined(separator: ",")): \(outcome)") }
        }
    }
}
