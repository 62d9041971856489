import AsyncHTTPClient
import Foundation
import HummingbirdTesting
import NIOCore
import Testing
import TestSupport

/// The real `zaakstroom serve` reads the outbound policy from its environment: without
/// `ZAAKSTROOM_OUTBOUND_HOSTS` a webhook on 127.0.0.1 is refused; naming the host, or an external service whose
/// `apiRoot` is on it, lets the server call it.
@Suite("Outbound calls: the real binary's configuration")
struct OutboundConfigurationTests {
    typealias F = ZakenFixture

    /// Runs the binary on the test store's database with `extra` environment, and `body` with its base URL.
    static func withBinary(_ server: TestServer, _ extra: [String: String], _ body: (String) async throws -> Void) async throws {
        let binary = EmbeddedModeTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the zaakstroom executable first")
        let port = Int.random(in: 20_000..<40_000)
        let content = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-outbound-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: content) }
        var environment = EmbeddedModeTests.environment
        environment["DATABASE_URL"] = try await AtomicRelationsTests.databaseURL(server)
        environment["ZAAKSTROOM_CONTENT_DIR"] = content
        for key in ["ZAAKSTROOM_OUTBOUND_HOSTS", "ZAAKSTROOM_EXTERNAL_SERVICES", "ZAAKSTROOM_SELECTIELIJST_URL"] { environment[key] = nil }
        environment.merge(extra) { _, new in new }
        let process = try ChildProcess([binary, "serve", "--port", "\(port)"], environment: environment)
        let outcome: Result<Void, any Error>
        do {
            #expect(try await EmbeddedModeTests().waitUntilReady(port: port, process: process))
            outcome = .success(try await body("http://127.0.0.1:\(port)"))
        } catch {
            outcome = .failure(error)
        }
        process.signal(SIGTERM)
        if await process.waitForExit(timeout: .seconds(30)) == nil {
            process.signal(SIGKILL)
            _ = await process.waitForExit(timeout: .seconds(10))
        }
        try outcome.get()
    }

    static func post(_ url: String, token: String, _ json: String) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for field in F.headers(token) { request.headers.add(name: field.name.rawName, value: field.value) }
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    @Test("by default the binary refuses a webhook on 127.0.0.1 (bad-url, nothing sent); ZAAKSTROOM_OUTBOUND_HOSTS=127.0.0.1 allows it")
    func webhookHostsFromEnvironment() async throws {
        try await TestServer.run { server, _ in
            try await server.addClient("nrc", secret: "geheim")
            try await WebhookReceiver.run { receiver in
                let abonnement = #"{"callbackUrl": "\#(receiver.url)", "auth": "Bearer x", "kanalen": [{"naam": "zaken"}]}"#
                try await Self.withBinary(server, [:]) { base in
                    let refused = try await Self.post(base + "/notificaties/api/v1/abonnement", token: NRC.token, abonnement)
                    #expect(refused.status == 400)
                    #expect(refused.body.contains(#""code":"bad-url""#) || refused.body.contains(#""code": "bad-url""#), "\(refused.body)")
                }
                #expect(receiver.received.isEmpty)
                try await Self.withBinary(server, ["ZAAKSTROOM_OUTBOUND_HOSTS": " 127.0.0.1 , example.invalid"]) { base in
                    let created = try await Self.post(base + "/notificaties/api/v1/abonnement", token: NRC.token, abonnement)
                    #expect(created.status == 201, "\(created.body)")
                }
                #expect(receiver.received.count == 1)
            }
        }
    }

    @Test("an external service's apiRoot (ZAAKSTROOM_EXTERNAL_SERVICES) names its host: the binary fetches a zaaktype there")
    func externalServiceNamesItsHost() async throws {
        try await ExternalResourcesStub.run { stub in
            let zaaktype = stub.put("/catalogi/api/v1/zaaktypen/1", "{}")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-services-\(UUID().uuidString.prefix(8)).json").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try Data(#"[{"apiRoot": "\#(stub.base)/catalogi/api/v1", "clientId": "zaakstroom", "secret": "s"}]"#.utf8).write(to: URL(fileURLWithPath: file))
            try await TestServer.run { server, _ in
                try await server.addClient("beheer", secret: "geheim")
                try await Self.withBinary(server, ["ZAAKSTROOM_EXTERNAL_SERVICES": file]) { base in
                    let zaak = #"{"zaaktype": "\#(zaaktype)", "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-03-01"}"#
                    let answer = try await Self.post(base + "/zaken/api/v1/zaken", token: F.token, zaak)
                    #expect(answer.status == 400)
                    #expect(answer.body.contains("invalid-resource"), "\(answer.body)")
                }
            }
            #expect(stub.gets == ["/catalogi/api/v1/zaaktypen/1"])
        }
    }
}
