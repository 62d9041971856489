import Domain
import EventStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Notifier
import Testing
import ZGWHTTP

/// Helpers of the notifier tests: a client with all autorisaties, abonnementen made through the API.
enum NRC {
    static let root = "/notificaties/api/v1"
    static let token = ZGWToken.make(clientID: "nrc", secret: "geheim")
    static let spec = "notificaties-1.0.0.yaml"

    static func post(_ client: some TestClientProtocol, _ path: String, _ json: String, token: String = token) async throws -> TestResponse {
        try await client.execute(uri: "\(root)/\(path)", method: .post, headers: jsonHeaders(token), body: ByteBuffer(string: json))
    }

    /// Creates an abonnement on `receiver` for the given `kanalen` JSON; expects a 201.
    @discardableResult
    static func subscribe(
        _ client: some TestClientProtocol, _ receiver: WebhookReceiver, kanalen: String, auth: String = "Bearer abonnee",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> TestResponse {
        let response = try await post(client, "abonnement", #"{"callbackUrl": "\#(receiver.url)", "auth": "\#(auth)", "kanalen": \#(kanalen)}"#)
        #expect(response.status == .created, "\(String(buffer: response.body))", sourceLocation: sourceLocation)
        return response
    }

    /// A message for `POST /notificaties` on kanaal zaken.
    static func zaakMessage(_ number: Int, bronorganisatie: String = "002220647", resource: String = "zaak") -> String {
        #"""
        {"kanaal": "zaken", "hoofdObject": "https://zaken.example.nl/zaken/\#(number)", "resource": "\#(resource)",
         "resourceUrl": "https://zaken.example.nl/\#(resource)/\#(number)", "actie": "create", "aanmaakdatum": "2026-01-01T12:00:00Z",
         "kenmerken": {"bronorganisatie": "\#(bronorganisatie)", "vertrouwelijkheidaanduiding": "openbaar"}}
        """#
    }
}

extension TestServer {
    /// The server with a client `nrc` holding every autorisatie, and the notifier's tail and worker running.
    static func runWithNotifier<Result: Sendable>(
        notifier: NotifierConfiguration = .forTests(), _ body: @Sendable (TestServer, any TestClientProtocol) async throws -> Result
    ) async throws -> Result {
        try await run(notifier: notifier) { server, client in
            try await server.addClient("nrc", secret: "geheim")
            return try await withServices(server.notifier.services) { try await body(server, client) }
        }
    }
}
