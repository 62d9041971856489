import ArgumentParser
import Foundation
import ZGWHTTP

/// `zaakstroom token`: prints a ZGW JWT (HS256) for a client id and secret, valid for the server's JWT expiry.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Print a ZGW JWT for a client id and secret.")

    @Option(name: .customLong("client-id"), help: "The JWT client_id.") var clientID: String
    @Option(help: "The JWT secret.") var secret: String
    @Option(name: .customLong("user-id"), help: "The user_id claim.") var userID = "cli"
    @Option(name: .customLong("user-representation"), help: "The user_representation claim.") var userRepresentation = "Command line"

    func run() throws {
        print(ZGWToken.make(clientID: clientID, secret: secret, userID: userID, userRepresentation: userRepresentation))
    }
}
