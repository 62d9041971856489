import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

@Suite("HTTP conventions: API roots, API-version, problem+json, request ids, health")
struct HTTPConventionTests {
    @Test("each API root is mounted and answers with its own API-version", arguments: [
        ("/zaken/api/v1/", "1.5.1"), ("/documenten/api/v1/", "1.4.2"), ("/catalogi/api/v1/", "1.3.1"),
        ("/besluiten/api/v1/", "1.1.0"), ("/autorisaties/api/v1/", "1.0.0"),
    ])
    func apiRootsAreMounted(path: String, version: String) async throws {
        try await TestServer.run { server, client in
            try await server.addClient("app", secret: "geheim")
            let response = try await client.execute(uri: path, method: .get, headers: bearer(ZGWToken.make(clientID: "app", secret: "geheim")))
            #expect(response.status == .ok)
            #expect(response.headers[.apiVersion] == version)
            #expect(response.headers[.contentType] == "application/json")
        }
    }

    @Test("errors carry API-version too, and an unknown path under an API is a 404 problem")
    func unknownPathIsProblem() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("app", secret: "geheim")
            let response = try await client.execute(
                uri: "/documenten/api/v1/bestaat-niet", method: .get, headers: bearer(ZGWToken.make(clientID: "app", secret: "geheim")))
            #expect(response.status == .notFound)
            #expect(response.headers[.apiVersion] == "1.4.2")
            #expect(response.headers[.contentType] == "application/problem+json")
            let body = try problem(response)
            #expect(body.code == "not_found")
            #expect(body.status == 404)
            #expect(body.type == "\(TestServer.baseURL)/ref/fouten/NotFound/")
        }
    }

    @Test("a NUL in a query value or in a JSON body is a 400 naming it, not a database error (found by schemathesis)")
    func nulIsRefused() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let token = ZGWToken.make(clientID: "beheer", secret: "geheim")
            let query = try await client.execute(uri: "/catalogi/api/v1/catalogussen?domein=a%00b", method: .get, headers: bearer(token))
            #expect(query.status == .badRequest)
            #expect(try problem(query).invalidParams?.first?.name == "domein")
            let body = try await client.execute(
                uri: "/catalogi/api/v1/catalogussen", method: .post, headers: jsonHeaders(token),
                body: ByteBuffer(string: #"{"domein": "a\u0000b", "rsin": "002220647", "contactpersoonBeheerNaam": "Ad"}"#))
            #expect(body.status == .badRequest)
            #expect(try problem(body).invalidParams?.first?.code == "parse_error")
        }
    }

    @Test("every response carries a request id; the caller's X-Request-ID is echoed")
    func requestIDIsEchoed() async throws {
        try await TestServer.run { _, client in
            let own = try await client.execute(uri: "/_healthz/livez", method: .get, headers: [.requestID: "abc-123"])
            #expect(own.headers[.requestID] == "abc-123")
            let made = try await client.execute(uri: "/_healthz/livez", method: .get)
            #expect(made.headers[.requestID]?.isEmpty == false)
            let error = try await client.execute(uri: "/zaken/api/v1/", method: .get)
            #expect(error.headers[.requestID]?.isEmpty == false)
        }
    }

    @Test("livez and readyz answer 200 when the database is reachable and migrated")
    func healthChecks() async throws {
        try await TestServer.run { _, client in
            #expect(try await client.execute(uri: "/_healthz/livez", method: .get).status == .ok)
            let ready = try await client.execute(uri: "/_healthz/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(String(buffer: ready.body).contains("ok"))
        }
    }

    @Test("readyz is 503 while migrations are pending")
    func readyzWaitsForMigrations() async throws {
        try await TestServer.run { server, client in
            try await server.store.client.query("DELETE FROM public.zaakstroom_migrations WHERE id = 'auth-0001-applicaties'")
            let response = try await client.execute(uri: "/_healthz/readyz", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(String(buffer: response.body).contains("auth-0001-applicaties"))
        }
    }
}
