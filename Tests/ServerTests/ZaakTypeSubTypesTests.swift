import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

@Suite("Catalogi API: statustypen and roltypen")
struct ZaakTypeSubTypesTests {
    static let root = "/catalogi/api/v1"
    static let token = ZGWToken.make(clientID: "beheer", secret: "geheim")
    static let writer = ZGWToken.make(clientID: "schrijver", secret: "s")
    static let spec = "catalogi-1.3.1.yaml"

    /// A server with a catalogus and a concept zaaktype; passes the zaaktype's URL.
    static func run(_ body: @Sendable (TestServer, any TestClientProtocol, String) async throws -> Void) async throws {
        try await TestServer.run { server, client in
            let catalogus = try await ZaakTypenTests.setUp(server, client)
            try await server.addClient(
                "schrijver", secret: "s", all: false, autorisaties: [Autorisatie(component: .ztc, scopes: ["catalogi.lezen", "catalogi.schrijven"])])
            let zaaktype = try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus, extra: #", "identificatie": "ZT-1""#))
            try await body(server, client, try #require(zaaktype.headers[.location]))
        }
    }

    static func post(_ client: some TestClientProtocol, _ collection: String, _ json: String, token: String = token) async throws -> TestResponse {
        try await client.execute(uri: "\(root)/\(collection)", method: .post, headers: jsonHeaders(token), body: ByteBuffer(string: json))
    }

    static func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri.hasPrefix("http") ? ZaakTypenTests.path(uri) : uri, method: .get, headers: bearer(token))
    }

    @Test("statustypen: the highest volgnummer is the end status; the zaaktype lists them in order; zaaktype data shown")
    func statustypen() async throws {
        try await Self.run { _, client, zaaktype in
            let last = try await Self.post(client, "statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Afgehandeld", "volgnummer": 2}"#)
            #expect(last.status == .created)
            #expect(try jsonObject(last)["isEindstatus"] == .bool(true))
            let first = try await Self.post(client, "statustypen", #"""
                {"zaaktype": "\#(zaaktype)", "omschrijving": "Ontvangen", "volgnummer": 1, "doorlooptijd": "P1D",
                 "checklistitemStatustype": [{"itemnaam": "Compleet", "vraagstelling": "Is de aanvraag compleet?", "verplicht": true}]}
                """#)
            #expect(first.status == .created)
            try expectConforms(first, to: "StatusType", in: Self.spec)
            let firstBody = try jsonObject(first)
            #expect(firstBody["isEindstatus"] == .bool(false))
            #expect(firstBody["zaaktypeIdentificatie"] == .string("ZT-1"))
            #expect(firstBody["beginObject"] == .string("2026-01-01"))
            let lastNow = try await Self.get(client, last.headers[.location]!)
            #expect(try jsonObject(lastNow)["isEindstatus"] == .bool(true))
            let zaaktypeBody = try jsonObject(try await Self.get(client, zaaktype))
            #expect(zaaktypeBody["statustypen"] == .array([.string(first.headers[.location]!), .string(last.headers[.location]!)]))
            #expect(try jsonObject(try await Self.get(client, "\(Self.root)/statustypen"))["count"] == .number(0), "default: published zaaktypen only")
            let all = try await Self.get(client, "\(Self.root)/statustypen?status=alles&zaaktype=\(zaaktype)")
            try expectConforms(all, to: "PaginatedStatusTypeList", in: Self.spec)
            #expect(try jsonObject(all)["count"] == .number(2))
            #expect(try jsonObject(try await Self.get(client, "\(Self.root)/statustypen?status=alles&zaaktypeIdentificatie=ZT-1"))["count"] == .number(2))
            #expect(try jsonObject(try await Self.get(client, "\(Self.root)/statustypen?status=alles&zaaktypeIdentificatie=ANDERS"))["count"] == .number(0))
            // Changing the zaaktype keeps its lists.
            let patched = try await client.execute(
                uri: ZaakTypenTests.path(zaaktype), method: .patch, headers: jsonHeaders(Self.token), body: ByteBuffer(string: #"{"toelichting": "nieuw"}"#))
            #expect(try jsonObject(patched)["statustypen"] == zaaktypeBody["statustypen"])
        }
    }

    @Test("ztc-010/011: no sub-type is created, changed or deleted under a published zaaktype (non-concept-zaaktype), except with the forced scopes")
    func publishedZaaktypeIsClosed() async throws {
        try await Self.run { server, client, zaaktype in
            let statustype = try #require(try await Self.post(client, "statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Nieuw", "volgnummer": 1}"#).headers[.location])
            #expect(try await client.execute(uri: ZaakTypenTests.path(zaaktype) + "/publish", method: .post, headers: bearer(Self.token)).status == .ok)
            let create = try await Self.post(client, "statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Later", "volgnummer": 2}"#, token: Self.writer)
            #expect(create.status == .badRequest)
            #expect(try problem(create).invalidParams?.first?.code == "non-concept-zaaktype")
            let patch = try await client.execute(
                uri: ZaakTypenTests.path(statustype), method: .patch, headers: jsonHeaders(Self.writer), body: ByteBuffer(string: #"{"omschrijving": "Anders"}"#))
            #expect(try problem(patch).invalidParams?.first?.code == "non-concept-zaaktype")
            let delete = try await client.execute(uri: ZaakTypenTests.path(statustype), method: .delete, headers: bearer(Self.writer))
            #expect(try problem(delete).invalidParams?.first?.code == "non-concept-zaaktype")
            // The beheer client has every autorisatie, the forced scopes included.
            let forced = try await client.execute(
                uri: ZaakTypenTests.path(statustype), method: .patch, headers: jsonHeaders(Self.token), body: ByteBuffer(string: #"{"omschrijving": "Gecorrigeerd"}"#))
            #expect(forced.status == .ok)
            let types = try await server.store.readStream("zaaktype-\(zaaktype.suffix(36))").map(\.type)
            #expect(types == ["zaaktype.created", "statustype.created", "zaaktype.published", "statustype.updated"], "one stream holds the zaaktype and its parts")
        }
    }

    @Test("roltypen: omschrijvingGeneriek is one of the standard's roles; filters; a deleted zaaktype takes its sub-types along")
    func roltypen() async throws {
        try await Self.run { _, client, zaaktype in
            let created = try await Self.post(client, "roltypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}"#)
            #expect(created.status == .created)
            try expectConforms(created, to: "RolType", in: Self.spec)
            let wrong = try await Self.post(client, "roltypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "X", "omschrijvingGeneriek": "koning"}"#)
            #expect(try problem(wrong).invalidParams?.first?.code == "invalid_choice")
            let missing = try await Self.post(client, "roltypen", #"{"omschrijving": "X"}"#)
            let names = Set((try problem(missing).invalidParams ?? []).map(\.name))
            #expect(names == ["zaaktype", "omschrijvingGeneriek"])
            #expect(try jsonObject(try await Self.get(client, "\(Self.root)/roltypen?status=alles&omschrijvingGeneriek=initiator"))["count"] == .number(1))
            #expect(try jsonObject(try await Self.get(client, "\(Self.root)/roltypen?status=alles&omschrijvingGeneriek=adviseur"))["count"] == .number(0))
            #expect(try await Self.get(client, "\(Self.root)/roltypen?omschrijvingGeneriek=koning").status == .badRequest)
            #expect(try jsonObject(try await Self.get(client, zaaktype))["roltypen"] == .array([.string(created.headers[.location]!)]))
            #expect(try await client.execute(uri: ZaakTypenTests.path(zaaktype), method: .delete, headers: bearer(Self.token)).status == .noContent)
            #expect(try await Self.get(client, created.headers[.location]!).status == .notFound)
        }
    }
}
