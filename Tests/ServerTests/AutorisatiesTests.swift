import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

@Suite("Autorisaties API: applicaties")
struct AutorisatiesTests {
    static let root = "/autorisaties/api/v1"
    static let token = ZGWToken.make(clientID: "beheer", secret: "geheim")
    static let spec = "autorisaties-1.0.0.yaml"

    static func post(_ client: some TestClientProtocol, _ json: String) async throws -> TestResponse {
        try await client.execute(uri: "\(root)/applicaties", method: .post, headers: jsonHeaders(token), body: ByteBuffer(string: json))
    }

    static let zaakAutorisatie = #"""
        {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": "https://example.nl/catalogi/api/v1/zaaktypen/1", "maxVertrouwelijkheidaanduiding": "openbaar"}
        """#

    @Test("create, read, list by clientIds, consumer?clientId: the applicatie as the spec shapes it")
    func createAndRead() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let created = try await Self.post(client, #"{"clientIds": ["portaal", "portaal-test"], "label": "Portaal", "autorisaties": [\#(Self.zaakAutorisatie)]}"#)
            #expect(created.status == .created)
            try expectConforms(created, to: "Applicatie", in: Self.spec)
            let body = try jsonObject(created)
            #expect(body["heeftAlleAutorisaties"] == .bool(false))
            guard case .array(let autorisaties)? = body["autorisaties"], case .object(let first)? = autorisaties.first else { Issue.record("no autorisaties"); return }
            #expect(first["componentWeergave"] == .string("Zaken API"))
            #expect(first["besluittype"] == nil, "only the zrc fields")
            let read = try await client.execute(uri: ZaakTypenTests.path(created.headers[.location]!), method: .get, headers: bearer(Self.token))
            #expect(try jsonObject(read) == body)
            let list = try await client.execute(uri: "\(Self.root)/applicaties?clientIds=portaal-test,anders", method: .get, headers: bearer(Self.token))
            try expectConforms(list, to: "PaginatedApplicatieList", in: Self.spec)
            #expect(try jsonObject(list)["count"] == .number(1))
            let consumer = try await client.execute(uri: "\(Self.root)/applicaties/consumer?clientId=portaal", method: .get, headers: bearer(Self.token))
            #expect(try jsonObject(consumer)["label"] == .string("Portaal"))
            #expect(try await client.execute(uri: "\(Self.root)/applicaties/consumer?clientId=niemand", method: .get, headers: bearer(Self.token)).status == .notFound)
        }
    }

    @Test("ac-001: a client id belongs to one applicatie only (clientId-exists), on create and on update")
    func clientIDsAreUnique() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let first = try await Self.post(client, #"{"clientIds": ["a"], "label": "A", "heeftAlleAutorisaties": true}"#)
            #expect(first.status == .created)
            let second = try await Self.post(client, #"{"clientIds": ["b"], "label": "B", "heeftAlleAutorisaties": true}"#)
            let taken = try await Self.post(client, #"{"clientIds": ["c", "a"], "label": "C", "heeftAlleAutorisaties": true}"#)
            #expect(try problem(taken).invalidParams?.first?.code == "clientId-exists")
            let patch = try await client.execute(
                uri: ZaakTypenTests.path(second.headers[.location]!), method: .patch, headers: jsonHeaders(Self.token),
                body: ByteBuffer(string: #"{"clientIds": ["b", "a"]}"#))
            #expect(try problem(patch).invalidParams?.first?.code == "clientId-exists")
            let ownAgain = try await client.execute(
                uri: ZaakTypenTests.path(first.headers[.location]!), method: .patch, headers: jsonHeaders(Self.token),
                body: ByteBuffer(string: #"{"label": "A2"}"#))
            #expect(ownAgain.status == .ok, "keeping its own client ids is fine")
        }
    }

    @Test("ac-002: all autorisaties or a list of them (ambiguous-authorizations-specified, missing-authorizations)")
    func allOrSome() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let both = try await Self.post(client, #"{"clientIds": ["x"], "label": "X", "heeftAlleAutorisaties": true, "autorisaties": [\#(Self.zaakAutorisatie)]}"#)
            #expect(try problem(both).invalidParams?.first?.code == "ambiguous-authorizations-specified")
            let none = try await Self.post(client, #"{"clientIds": ["x"], "label": "X"}"#)
            #expect(try problem(none).invalidParams?.first?.code == "missing-authorizations")
        }
    }

    @Test("ac-003: zrc/drc/brc autorisaties with their API's scopes name their type and maximum confidentiality")
    func typesRequired() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let response = try await Self.post(client, #"""
                {"clientIds": ["x"], "label": "X", "autorisaties": [
                    {"component": "zrc", "scopes": ["zaken.lezen"]}, {"component": "drc", "scopes": ["documenten.lezen"], "informatieobjecttype": "https://e.nl/iot/1"},
                    {"component": "brc", "scopes": ["besluiten.lezen"]}, {"component": "ztc", "scopes": ["catalogi.lezen"]}]}
                """#)
            let names = Set((try problem(response).invalidParams ?? []).map(\.name))
            #expect(names == [
                "autorisaties.0.zaaktype", "autorisaties.0.maxVertrouwelijkheidaanduiding", "autorisaties.1.maxVertrouwelijkheidaanduiding",
                "autorisaties.2.besluittype",
            ])
        }
    }

    @Test("PATCH with autorisaties replaces the set; DELETE removes; scopes autorisaties.lezen / bijwerken are enforced")
    func patchDeleteAndScopes() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            try await server.addClient("lezer", secret: "l", all: false, autorisaties: [Autorisatie(component: .ac, scopes: ["autorisaties.lezen"])])
            let created = try await Self.post(client, #"{"clientIds": ["p"], "label": "P", "autorisaties": [\#(Self.zaakAutorisatie), {"component": "ztc", "scopes": ["catalogi.lezen"]}]}"#)
            let path = ZaakTypenTests.path(created.headers[.location]!)
            let patched = try await client.execute(
                uri: path, method: .patch, headers: jsonHeaders(Self.token),
                body: ByteBuffer(string: #"{"autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen", "catalogi.schrijven"]}]}"#))
            guard case .array(let autorisaties)? = try jsonObject(patched)["autorisaties"] else { Issue.record("no autorisaties"); return }
            #expect(autorisaties.count == 1)
            let reader = ZGWToken.make(clientID: "lezer", secret: "l")
            #expect(try await client.execute(uri: path, method: .get, headers: bearer(reader)).status == .ok)
            let refused = try await client.execute(uri: path, method: .delete, headers: bearer(reader))
            #expect(try problem(refused).code == "permission_denied")
            #expect(try await client.execute(uri: path, method: .delete, headers: bearer(Self.token)).status == .noContent)
            #expect(try await client.execute(uri: path, method: .get, headers: bearer(Self.token)).status == .notFound)
            #expect(try await client.execute(uri: "\(Self.root)/applicaties", method: .put, headers: jsonHeaders(Self.token), body: ByteBuffer(string: "{}")).status == .methodNotAllowed)
        }
    }
}
