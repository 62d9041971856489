import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

@Suite("Besluiten API: besluiten, besluitinformatieobjecten and their mirrors in the Zaken and Documenten APIs")
struct BesluitenTests {
    typealias F = ZakenFixture
    static let root = "/besluiten/api/v1"
    static let spec = "besluiten-1.1.0.yaml"

    static func besluit(_ fixture: ZakenFixture, _ extra: String = "") -> String {
        #"{"verantwoordelijkeOrganisatie": "002220647", "besluittype": "\#(fixture.besluittype)", "datum": "2026-03-01", "ingangsdatum": "2026-03-02"\#(extra)}"#
    }

    static func post(_ client: some TestClientProtocol, _ collection: String, _ json: String, token: String = F.token) async throws -> TestResponse {
        try await client.execute(uri: "\(root)/\(collection)", method: .post, headers: jsonHeaders(token), body: ByteBuffer(string: json))
    }

    static func array(_ response: TestResponse) throws -> [JSONValue] {
        try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body)).array ?? []
    }

    @Test("brc-001/002: the besluittype must resolve and be published; identificatie is generated, unique and immutable; datum not in the future")
    func besluitRules() async throws {
        try await F.run { _, client, fixture in
            let created = try await Self.post(client, "besluiten", Self.besluit(fixture, #", "vervalreden": "tijdelijk""#))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            try expectConforms(created, to: "Besluit", in: Self.spec)
            let body = try jsonObject(created)
            #expect(body["identificatie"]?.text?.hasPrefix("BESLUIT-2026-") == true)
            #expect(body["vervalredenWeergave"] == .string("Besluit met tijdelijke werking"))
            let duplicate = try await Self.post(client, "besluiten", Self.besluit(fixture, #", "identificatie": "\#(body["identificatie"]!.text!)""#))
            #expect(try D.codes(duplicate) == ["identificatie-niet-uniek"])
            let concept = try #require(try await BesluitTypenTests.post(client, "besluittypen", BesluitTypenTests.besluittype(catalogus: fixture.catalogus, iots: []).replacingOccurrences(of: "Vergunning", with: "Concept")).headers[.location])
            #expect(try D.codes(try await Self.post(client, "besluiten", Self.besluit(fixture).replacingOccurrences(of: fixture.besluittype, with: concept))) == ["not-published"])
            #expect(try D.codes(try await Self.post(client, "besluiten", Self.besluit(fixture).replacingOccurrences(of: "\"2026-03-01\"", with: "\"2999-01-01\""))) == ["future-not-allowed"])
            let url = try #require(created.headers[.location])
            let changed = try await D.send(client, .patch, url, #"{"identificatie": "ANDERS"}"#)
            #expect(try D.codes(changed) == ["wijzigen-niet-toegelaten"])
            let list = try await D.send(client, .get, "\(Self.root)/besluiten?besluittype=\(fixture.besluittype)")
            try expectConforms(list, to: "PaginatedBesluitList", in: Self.spec)
            #expect(try jsonObject(list)["count"] == .number(1))
        }
    }

    @Test("brc-006/007: a besluit with a zaak makes the zaakbesluit in the same transaction (and removes it with the besluit); the besluittype must be one of the zaaktype's")
    func zaakbesluit() async throws {
        try await F.run { _, client, fixture in
            let zaak = try #require(try await F.post(client, "zaken", fixture.zaak()).headers[.location])
            let created = try await Self.post(client, "besluiten", Self.besluit(fixture, #", "zaak": "\#(zaak)""#))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let besluit = try #require(created.headers[.location])
            let zaakbesluiten = try Self.array(try await F.get(client, zaak + "/besluiten"))
            #expect(zaakbesluiten.compactMap { $0.object?["besluit"] } == [.string(besluit)])
            // brc-007: a besluittype the zaaktype does not have.
            let other = try #require(try await BesluitTypenTests.post(client, "besluittypen", BesluitTypenTests.besluittype(catalogus: fixture.catalogus, iots: []).replacingOccurrences(of: "Vergunning", with: "Anders")).headers[.location])
            _ = try await client.execute(uri: ZaakTypenTests.path(other) + "/publish", method: .post, headers: bearer(F.token))
            let mismatch = try await Self.post(client, "besluiten", Self.besluit(fixture, #", "zaak": "\#(zaak)""#).replacingOccurrences(of: fixture.besluittype, with: other))
            #expect(try D.codes(mismatch) == ["zaaktype-mismatch"])
            #expect(try await D.send(client, .delete, besluit).status == .noContent)
            #expect(try Self.array(try await F.get(client, zaak + "/besluiten")).isEmpty)
        }
    }

    @Test("brc-003/004/005/008/009: a besluitinformatieobject resolves, is unique, of an informatieobjecttype of the besluittype, mirrored as objectinformatieobject; the besluit's delete takes them along")
    func besluitInformatieObjecten() async throws {
        try await F.run { _, client, fixture in
            let besluit = try #require(try await Self.post(client, "besluiten", Self.besluit(fixture)).headers[.location])
            let document = try await D.create(client, fixture)
            let bio = try await Self.post(client, "besluitinformatieobjecten", #"{"besluit": "\#(besluit)", "informatieobject": "\#(document)"}"#)
            #expect(bio.status == .created, "\(String(buffer: bio.body))")
            try expectConforms(bio, to: "BesluitInformatieObject", in: Self.spec)
            let oios = try Self.array(try await D.send(client, .get, "\(D.root)/objectinformatieobjecten?object=\(besluit)"))
            #expect(oios.first?.object?["objectType"] == .string("besluit"))
            #expect(oios.first?.object?["informatieobject"] == .string(document))
            #expect(try D.codes(try await Self.post(client, "besluitinformatieobjecten", #"{"besluit": "\#(besluit)", "informatieobject": "\#(document)"}"#)) == ["unique"])
            let otherDocument = try #require(try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture).replacingOccurrences(of: fixture.iot, with: fixture.otherIOT)).headers[.location])
            #expect(try D.codes(try await Self.post(client, "besluitinformatieobjecten", #"{"besluit": "\#(besluit)", "informatieobject": "\#(otherDocument)"}"#)) == ["missing-besluittype-informatieobjecttype-relation"])
            #expect(try D.codes(try await D.send(client, .delete, document)) == ["pending-relations"])
            #expect(try await D.send(client, .delete, besluit).status == .noContent)
            #expect(try Self.array(try await D.send(client, .get, "\(D.root)/objectinformatieobjecten?object=\(besluit)")).isEmpty)
            #expect(try await D.send(client, .get, try #require(bio.headers[.location])).status == .notFound)
            #expect(try await D.send(client, .delete, document).status == .noContent)
        }
    }

    @Test("besluit_verwerken: a besluit with its besluitinformatieobjecten in one transaction; one bad document and nothing is made")
    func verwerken() async throws {
        try await F.run { _, client, fixture in
            let document = try await D.create(client, fixture)
            let otherDocument = try #require(try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture).replacingOccurrences(of: fixture.iot, with: fixture.otherIOT)).headers[.location])
            let refused = try await Self.post(client, "besluit_verwerken", #"{"besluit": \#(Self.besluit(fixture)), "besluitinformatieobjecten": [{"informatieobject": "\#(document)"}, {"informatieobject": "\#(otherDocument)"}]}"#)
            #expect(try D.codes(refused) == ["missing-besluittype-informatieobjecttype-relation"])
            #expect(try jsonObject(try await D.send(client, .get, "\(Self.root)/besluiten"))["count"] == .number(0))
            #expect(try Self.array(try await D.send(client, .get, "\(D.root)/objectinformatieobjecten?informatieobject=\(document)")).isEmpty)
            let done = try await Self.post(client, "besluit_verwerken", #"{"besluit": \#(Self.besluit(fixture)), "besluitinformatieobjecten": [{"informatieobject": "\#(document)"}]}"#)
            #expect(done.status == .created, "\(String(buffer: done.body))")
            try expectConforms(done, to: "BesluitVerwerken", in: Self.spec)
            #expect(try Self.array(try await D.send(client, .get, "\(D.root)/objectinformatieobjecten?informatieobject=\(document)")).count == 1)
        }
    }

    @Test("brc authorisation: a client limited to one besluittype sees only its besluiten; audittrail holds the changes")
    func authorisationAndAuditTrail() async throws {
        try await F.run { server, client, fixture in
            let besluit = try #require(try await Self.post(client, "besluiten", Self.besluit(fixture)).headers[.location])
            #expect(try await D.send(client, .patch, besluit, #"{"toelichting": "Waarom"}"#).status == .ok)
            let trail = try Self.array(try await D.send(client, .get, besluit + "/audittrail"))
            #expect(trail.compactMap { $0.object?["actie"]?.text } == ["create", "partial_update"])
            try await server.addClient("ander", secret: "a", all: false, autorisaties: [
                Autorisatie(component: .brc, scopes: ["besluiten.lezen"], besluittype: "http://testserver/catalogi/api/v1/besluittypen/\(UUID().uuidString.lowercased())")
            ])
            try await server.addClient("eigen", secret: "e", all: false, autorisaties: [
                Autorisatie(component: .brc, scopes: ["besluiten.lezen"], besluittype: fixture.besluittype)
            ])
            let other = ZGWToken.make(clientID: "ander", secret: "a"), own = ZGWToken.make(clientID: "eigen", secret: "e")
            #expect(try jsonObject(try await D.send(client, .get, "\(Self.root)/besluiten", token: other))["count"] == .number(0))
            #expect(try await D.send(client, .get, besluit, token: other).status == .forbidden)
            #expect(try jsonObject(try await D.send(client, .get, "\(Self.root)/besluiten", token: own))["count"] == .number(1))
            #expect(try await D.send(client, .get, besluit, token: own).status == .ok)
        }
    }
}
