import AsyncHTTPClient
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TestSupport
import ZGWHTTP

/// The mirrored relations of the standard (ZIO ↔ OIO, BIO ↔ OIO, besluit ↔ zaakbesluit) are written in one
/// transaction: a server process killed between the relation and its mirror leaves neither. The test runs the
/// real `zaakstroom` binary on the test's database with a failpoint that SIGKILLs it right after the relation's
/// event is appended, then looks through the in-process server.
@Suite("Atomic cross-API relations survive a kill in the middle")
struct AtomicRelationsTests {
    typealias F = ZakenFixture

    /// `DATABASE_URL` of the store's database (a Unix socket or TCP, whichever the test run uses).
    static func databaseURL(_ server: TestServer) async throws -> String {
        let rows = try await server.store.client.query(
            "SELECT current_database(), current_user, current_setting('port'), coalesce(inet_server_addr()::text, ''), split_part(current_setting('unix_socket_directories'), ',', 1)"
        ).collect()
        let (database, user, port, address, socket) = try #require(try rows.first?.decode((String, String, String, String, String).self))
        if address.isEmpty { return "postgres://\(user)@localhost/\(database)?host=\(socket)&port=\(port)" }
        return "postgres://\(user)@\(address.split(separator: "/").first ?? "127.0.0.1"):\(port)/\(database)"
    }

    /// Starts the binary on the store's database with the failpoint, sends one request, and expects the process
    /// to die from SIGKILL without answering.
    static func killDuring(_ server: TestServer, failpoint: String, path: String, body: String) async throws {
        let binary = EmbeddedModeTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the zaakstroom executable first")
        let port = Int.random(in: 20_000..<40_000)
        let content = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-kill-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: content) }
        var environment = EmbeddedModeTests.environment
        environment["DATABASE_URL"] = try await databaseURL(server)
        environment["ZAAKSTROOM_PUBLIC_URL"] = TestServer.baseURL
        environment["ZAAKSTROOM_CONTENT_DIR"] = content
        environment["ZAAKSTROOM_FAILPOINT"] = "kill-after-append:\(failpoint)"
        let process = try ChildProcess([binary, "serve", "--port", "\(port)"], environment: environment)
        #expect(try await EmbeddedModeTests().waitUntilReady(port: port, process: process))
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .POST
        for field in ZakenFixture.headers() { request.headers.add(name: field.name.rawName, value: field.value) }
        request.body = .bytes(ByteBuffer(string: body))
        let answer = try? await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(answer == nil, "the server answered \(answer?.status.code ?? 0) instead of dying")
        let status = await process.waitForExit(timeout: .seconds(30))
        #expect(status == 128 + SIGKILL || status == SIGKILL, "exit status \(String(describing: status)): \(process.output)")
    }

    static func array(_ response: TestResponse) throws -> [JSONValue] {
        try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body)).array ?? []
    }

    @Test("zrc-005 / brc-005 / brc-006: killed between a relation and its mirror, neither exists")
    func killedInTheMiddle() async throws {
        try await F.run { server, client, fixture in
            let zaak = try #require(try await F.post(client, "zaken", fixture.zaak()).headers[.location])
            let document = try await D.create(client, fixture)
            try await Self.killDuring(
                server, failpoint: ZaakResource.zaakinformatieobject.created, path: "/zaken/api/v1/zaakinformatieobjecten",
                body: #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)"}"#)
            #expect(try Self.array(try await F.get(client, "\(F.root)/zaakinformatieobjecten?zaak=\(zaak)")).isEmpty)
            #expect(try Self.array(try await D.send(client, .get, "\(D.root)/objectinformatieobjecten?informatieobject=\(document)")).isEmpty)

            try await Self.killDuring(
                server, failpoint: BesluitResource.besluit.created, path: "/besluiten/api/v1/besluiten",
                body: BesluitenTests.besluit(fixture, #", "zaak": "\#(zaak)""#))
            #expect(try jsonObject(try await D.send(client, .get, "\(BesluitenTests.root)/besluiten"))["count"] == .number(0))
            #expect(try Self.array(try await F.get(client, zaak + "/besluiten")).isEmpty)

            // Without the failpoint both sides are made.
            #expect(try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)"}"#).status == .created)
            #expect(try Self.array(try await D.send(client, .get, "\(D.root)/objectinformatieobjecten?informatieobject=\(document)")).count == 1)
        }
    }
}
