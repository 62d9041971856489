import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZGWHTTP

@Suite("ZGW JWT authentication")
struct JWTAuthTests {
    /// Asserts the standard's 403 body: problem+json with code, title, status, detail, instance and type.
    func expectRejected(_ response: TestResponse, code: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == .forbidden, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let body = try problem(response)
        #expect(body.code == code, sourceLocation: sourceLocation)
        #expect(body.status == 403, sourceLocation: sourceLocation)
        #expect(!body.title.isEmpty && !body.detail.isEmpty, sourceLocation: sourceLocation)
        #expect(body.instance.hasPrefix("urn:uuid:"), sourceLocation: sourceLocation)
        #expect(body.type.hasPrefix("\(TestServer.baseURL)/ref/fouten/"), sourceLocation: sourceLocation)
        #expect(body.invalidParams == nil, sourceLocation: sourceLocation)
    }

    @Test("a valid token of a known client is accepted")
    func validTokenIsAccepted() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("app", secret: "geheim")
            let token = ZGWToken.make(clientID: "app", secret: "geheim", userID: "u1", userRepresentation: "Jan")
            let response = try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: bearer(token))
            #expect(response.status == .ok)
            #expect(response.headers[.apiVersion] == "1.5.1")
        }
    }

    @Test("no token, a malformed header or a malformed token: 403 not_authenticated")
    func missingTokenIsRejected() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("app", secret: "geheim")
            try expectRejected(try await client.execute(uri: "/zaken/api/v1/", method: .get), code: "not_authenticated")
            try expectRejected(
                try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: [.authorization: "Basic YTpi"]), code: "not_authenticated")
            try expectRejected(try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: bearer("not.a.jwt")), code: "not_authenticated")
        }
    }

    @Test("alg none is rejected, even with the right claims")
    func algNoneIsRejected() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("app", secret: "geheim")
            let header = ZGWToken.base64URL(Data(#"{"alg":"none","typ":"JWT"}"#.utf8))
            let claims = ZGWToken.base64URL(Data(#"{"client_id":"app","iss":"app","iat":\#(Int(Date().timeIntervalSince1970))}"#.utf8))
            try expectRejected(
                try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: bearer("\(header).\(claims).")), code: "not_authenticated")
        }
    }

    @Test("another algorithm (HS512 header on an HS256 signature) is rejected")
    func otherAlgorithmIsRejected() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("app", secret: "geheim")
            let valid = ZGWToken.make(clientID: "app", secret: "geheim").split(separator: ".")
            let header = ZGWToken.base64URL(Data(#"{"alg":"HS512","typ":"JWT"}"#.utf8))
            try expectRejected(
                try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: bearer("\(header).\(valid[1]).\(valid[2])")),
                code: "not_authenticated")
        }
    }

    @Test("a token signed with the wrong secret is rejected")
    func wrongSecretIsRejected() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("app", secret: "geheim")
            let token = ZGWToken.make(clientID: "app", secret: "niet-het-geheim")
            try expectRejected(try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: bearer(token)), code: "not_authenticated")
        }
    }

    @Test("a token with altered claims is rejected")
    func alteredClaimsAreRejected() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("app", secret: "geheim")
            try await server.addClient("admin", secret: "anders")
            let parts = ZGWToken.make(clientID: "app", secret: "geheim").split(separator: ".")
            let forged = ZGWToken.base64URL(Data(#"{"client_id":"admin","iss":"admin","iat":\#(Int(Date().timeIntervalSince1970))}"#.utf8))
            try expectRejected(
                try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: bearer("\(parts[0]).\(forged).\(parts[2])")),
                code: "not_authenticated")
        }
    }

    @Test("a token of an unknown client is rejected")
    func unknownClientIsRejected() async throws {
        try await TestServer.run { _, client in
            let token = ZGWToken.make(clientID: "stranger", secret: "geheim")
            try expectRejected(try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: bearer(token)), code: "not_authenticated")
        }
    }

    @Test("a token older than the expiry (after leeway) is rejected with jwt-expired; within it, accepted")
    func expiredTokenIsRejected() async throws {
        try await TestServer.run(jwtExpiry: 600) { server, client in
            try await server.addClient("app", secret: "geheim")
            let old = ZGWToken.make(clientID: "app", secret: "geheim", issuedAt: Date().addingTimeInterval(-600 - 31 - 5))
            try expectRejected(try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: bearer(old)), code: "jwt-expired")
            let recent = ZGWToken.make(clientID: "app", secret: "geheim", issuedAt: Date().addingTimeInterval(-590))
            #expect(try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: bearer(recent)).status == .ok)
        }
    }

    @Test("a token issued in the future (beyond leeway) is rejected")
    func futureTokenIsRejected() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("app", secret: "geheim")
            let future = ZGWToken.make(clientID: "app", secret: "geheim", issuedAt: Date().addingTimeInterval(600))
            try expectRejected(try await client.execute(uri: "/zaken/api/v1/", method: .get, headers: bearer(future)), code: "not_authenticated")
        }
    }

    @Test("a token checked before is checked again against the client's current secret, expiry and autorisaties")
    func rememberedTokensFollowTheClient() throws {
        let verifier = ZGWTokenVerifier(expiry: .seconds(3600), leeway: .seconds(30))
        let token = ZGWToken.make(clientID: "app", secret: "geheim", userID: "u1", userRepresentation: "Jan")
        let reader = Applicatie(clientIds: ["app"], label: "lezer", heeftAlleAutorisaties: false)
        let everything = Applicatie(clientIds: ["app"], label: "alles", heeftAlleAutorisaties: true)
        func credential(_ secret: String, _ applicatie: Applicatie) -> (String) -> ClientCredential? {
            { $0 == "app" ? ClientCredential(clientID: "app", secret: secret, applicatie: applicatie) : nil }
        }
        let first = try verifier.verify(token, credential: credential("geheim", reader))
        #expect(first.userID == "u1" && first.userRepresentation == "Jan" && !first.hasAllAutorisaties)
        // The same token again: the client's autorisaties as they are now.
        #expect(try verifier.verify(token, credential: credential("geheim", everything)).hasAllAutorisaties)
        // The secret changed: the signature no longer holds.
        #expect(throws: ZGWError.self) { try verifier.verify(token, credential: credential("anders", reader)) }
        do {
            _ = try verifier.verify(token, now: Date().addingTimeInterval(7200), credential: credential("geheim", reader))
            Issue.record("an expired token was accepted")
        } catch {
            #expect(error.code == "jwt-expired")
        }
        #expect(throws: ZGWError.self) { try verifier.verify(token, credential: { _ in nil }) }
    }
}
