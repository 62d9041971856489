import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

@Suite("Catalogi API: catalogussen")
struct CatalogussenTests {
    static let token = ZGWToken.make(clientID: "beheer", secret: "geheim")

    static func body(domein: String = "BUR", rsin: String = "002220647", extra: String = "") -> ByteBuffer {
        ByteBuffer(string: #"{"domein": "\#(domein)", "rsin": "\#(rsin)", "contactpersoonBeheerNaam": "Ad Alles"\#(extra)}"#)
    }

    func create(_ client: some TestClientProtocol, domein: String = "BUR", rsin: String = "002220647") async throws -> TestResponse {
        try await client.execute(uri: "/catalogi/api/v1/catalogussen", method: .post, headers: jsonHeaders(Self.token), body: Self.body(domein: domein, rsin: rsin))
    }

    @Test("POST creates a catalogus: 201, Location, absolute url, every field of the schema; GET returns the same")
    func createAndRead() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let created = try await client.execute(
                uri: "/catalogi/api/v1/catalogussen", method: .post, headers: jsonHeaders(Self.token),
                body: Self.body(extra: #", "naam": "Burgerzaken", "versie": "1", "begindatumVersie": "2026-01-01", "contactpersoonBeheerEmailadres": "ad@example.nl""#))
            #expect(created.status == .created)
            #expect(created.headers[.apiVersion] == "1.3.1")
            let object = try jsonObject(created)
            guard case .string(let url)? = object["url"] else { Issue.record("no url"); return }
            #expect(url.hasPrefix("\(TestServer.baseURL)/catalogi/api/v1/catalogussen/"))
            #expect(created.headers[.location] == url)
            #expect(object["domein"] == .string("BUR"))
            #expect(object["rsin"] == .string("002220647"))
            #expect(object["naam"] == .string("Burgerzaken"))
            #expect(object["begindatumVersie"] == .string("2026-01-01"))
            #expect(object["contactpersoonBeheerTelefoonnummer"] == .string(""))
            for list in ["zaaktypen", "besluittypen", "informatieobjecttypen"] { #expect(object[list] == .array([])) }
            let path = String(url.dropFirst(TestServer.baseURL.count))
            let read = try await client.execute(uri: path, method: .get, headers: bearer(Self.token))
            #expect(read.status == .ok)
            #expect(try jsonObject(read) == object)
            #expect(read.headers[.eTag] == created.headers[.eTag])
        }
    }

    @Test("detail: ETag, If-None-Match gives 304, HEAD gives the headers without a body, unknown uuid 404")
    func etagAndHead() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let created = try await create(client)
            let path = String(created.headers[.location]!.dropFirst(TestServer.baseURL.count))
            let read = try await client.execute(uri: path, method: .get, headers: bearer(Self.token))
            let etag = try #require(read.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            var conditional = bearer(Self.token)
            conditional[.ifNoneMatch] = "\"other\", \(etag)"
            let notModified = try await client.execute(uri: path, method: .get, headers: conditional)
            #expect(notModified.status == .notModified)
            #expect(notModified.body.readableBytes == 0)
            conditional[.ifNoneMatch] = "\"other\""
            #expect(try await client.execute(uri: path, method: .get, headers: conditional).status == .ok)
            let head = try await client.execute(uri: path, method: .head, headers: bearer(Self.token))
            #expect(head.status == .ok)
            #expect(head.headers[.eTag] == etag)
            #expect(head.body.readableBytes == 0)
            let missing = try await client.execute(uri: "/catalogi/api/v1/catalogussen/\(UUID())", method: .get, headers: bearer(Self.token))
            #expect(missing.status == .notFound)
            #expect(try await client.execute(uri: "/catalogi/api/v1/catalogussen/geen-uuid", method: .get, headers: bearer(Self.token)).status == .notFound)
        }
    }

    @Test("bad input: 400 naming every bad field, and nothing is written")
    func validationErrors() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let response = try await client.execute(
                uri: "/catalogi/api/v1/catalogussen", method: .post, headers: jsonHeaders(Self.token),
                body: ByteBuffer(string: #"{"domein": "TE-LANG", "rsin": "123456789", "contactpersoonBeheerEmailadres": "geen-adres", "begindatumVersie": "2026-13-01", "naam": true}"#))
            #expect(response.status == .badRequest)
            let params = try problem(response).invalidParams ?? []
            let byName = Dictionary(params.map { ($0.name, $0.code) }, uniquingKeysWith: { first, _ in first })
            #expect(byName["domein"] == "max_length")
            #expect(byName["rsin"] == "invalid")
            #expect(byName["contactpersoonBeheerNaam"] == "required")
            #expect(byName["contactpersoonBeheerEmailadres"] == "invalid")
            #expect(byName["begindatumVersie"] == "invalid")
            #expect(byName["naam"] == "invalid")
            let short = try await create(client, rsin: "12345")
            #expect(try problem(short).invalidParams?.first { $0.name == "rsin" }?.code == "invalid-length")
            #expect(try await server.store.readAll(after: 0).allSatisfy { !$0.streamID.hasPrefix("catalogus-") })
            let list = try await client.execute(uri: "/catalogi/api/v1/catalogussen", method: .get, headers: bearer(Self.token))
            #expect(try jsonObject(list)["count"] == .number(0))
        }
    }

    @Test("a second catalogus with the same domein and rsin is refused (unique)")
    func domeinAndRsinAreUnique() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            #expect(try await create(client).status == .created)
            let duplicate = try await create(client)
            #expect(duplicate.status == .badRequest)
            #expect(try problem(duplicate).invalidParams?.first?.code == "unique")
            #expect(try await create(client, domein: "ANDER").status == .created)
        }
    }

    @Test("wrong Content-Type is 415, a body that is not a JSON object is 400")
    func mediaTypeAndParseErrors() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let text = try await client.execute(
                uri: "/catalogi/api/v1/catalogussen", method: .post, headers: [.authorization: "Bearer \(Self.token)", .contentType: "text/plain"],
                body: Self.body())
            #expect(text.status == .unsupportedMediaType)
            #expect(try problem(text).code == "unsupported_media_type")
            let broken = try await client.execute(
                uri: "/catalogi/api/v1/catalogussen", method: .post, headers: jsonHeaders(Self.token), body: ByteBuffer(string: "[1, 2"))
            #expect(broken.status == .badRequest)
        }
    }

    @Test("list: filters, pagination with count/next/previous, unknown parameters and bad pages")
    func listFiltersAndPages() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            for domein in ["A", "B", "C"] { #expect(try await create(client, domein: domein).status == .created) }
            #expect(try await create(client, domein: "A", rsin: "000000000").status == .created)
            func list(_ query: String) async throws -> TestResponse {
                try await client.execute(uri: "/catalogi/api/v1/catalogussen\(query)", method: .get, headers: bearer(Self.token))
            }
            let all = try jsonObject(try await list(""))
            #expect(all["count"] == .number(4))
            #expect(all["next"] == .null && all["previous"] == .null)
            #expect(try jsonObject(try await list("?domein=A"))["count"] == .number(2))
            #expect(try jsonObject(try await list("?domein__in=B,C"))["count"] == .number(2))
            #expect(try jsonObject(try await list("?rsin=000000000"))["count"] == .number(1))
            #expect(try jsonObject(try await list("?rsin__in=000000000,002220647&domein=A"))["count"] == .number(2))
            let first = try jsonObject(try await list("?pageSize=3"))
            #expect(first["next"] == .string("\(TestServer.baseURL)/catalogi/api/v1/catalogussen?page=2&pageSize=3"))
            if case .array(let results)? = first["results"] { #expect(results.count == 3) } else { Issue.record("no results") }
            let second = try jsonObject(try await list("?pageSize=3&page=2"))
            #expect(second["previous"] == .string("\(TestServer.baseURL)/catalogi/api/v1/catalogussen?pageSize=3"))
            #expect(second["next"] == .null)
            #expect(try await list("?page=3&pageSize=3").status == .notFound)
            let unknown = try await list("?domain=A")
            #expect(unknown.status == .badRequest)
            #expect(try problem(unknown).invalidParams?.first?.code == "unknown-parameters")
            #expect(try await list("?page=0").status == .badRequest)
            #expect(try await list("?pageSize=abc").status == .badRequest)
        }
    }

    @Test("scopes: catalogi.lezen may read, not write; ztc-014: zaken.lezen may read too; other scopes may not read")
    func scopesAreEnforced() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            try await server.addClient("lezer", secret: "l", all: false, autorisaties: [Autorisatie(component: .ztc, scopes: ["catalogi.lezen"])])
            try await server.addClient("zaken", secret: "z", all: false, autorisaties: [Autorisatie(component: .zrc, scopes: ["zaken.lezen"])])
            try await server.addClient("besluiten", secret: "b", all: false, autorisaties: [Autorisatie(component: .brc, scopes: ["besluiten.lezen"])])
            let reader = ZGWToken.make(clientID: "lezer", secret: "l")
            let post = try await client.execute(uri: "/catalogi/api/v1/catalogussen", method: .post, headers: jsonHeaders(reader), body: Self.body())
            #expect(post.status == .forbidden)
            #expect(try problem(post).code == "permission_denied")
            #expect(try await client.execute(uri: "/catalogi/api/v1/catalogussen", method: .get, headers: bearer(reader)).status == .ok)
            let zaken = ZGWToken.make(clientID: "zaken", secret: "z")
            #expect(try await client.execute(uri: "/catalogi/api/v1/catalogussen", method: .get, headers: bearer(zaken)).status == .ok)
            #expect(try await client.execute(uri: "/catalogi/api/v1/zaaktypen", method: .get, headers: bearer(zaken)).status == .ok)
            #expect(try await client.execute(uri: "/catalogi/api/v1/catalogussen", method: .post, headers: jsonHeaders(zaken), body: Self.body()).status == .forbidden)
            let other = ZGWToken.make(clientID: "besluiten", secret: "b")
            #expect(try await client.execute(uri: "/catalogi/api/v1/catalogussen", method: .get, headers: bearer(other)).status == .forbidden)
        }
    }

    @Test("the catalogus is one event in its own stream, with who made it")
    func createIsAnEvent() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            var headers = jsonHeaders(ZGWToken.make(clientID: "beheer", secret: "geheim", userID: "u7", userRepresentation: "Ad"))
            headers[.auditToelichting] = "nieuwe catalogus"
            #expect(try await client.execute(uri: "/catalogi/api/v1/catalogussen", method: .post, headers: headers, body: Self.body()).status == .created)
            let events = try await server.store.readAll(after: 0).filter { $0.streamID.hasPrefix("catalogus-") }
            #expect(events.map(\.type) == [CatalogusEvent.created])
            #expect(events.first?.metadata.clientID == "beheer")
            #expect(events.first?.metadata.userID == "u7")
            #expect(events.first?.metadata.toelichting == "nieuwe catalogus")
            #expect(events.first?.metadata.actie == "create")
        }
    }
}
