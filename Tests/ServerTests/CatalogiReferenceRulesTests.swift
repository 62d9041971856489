import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

/// Catalogi rules as the reference reports them: object-level errors are `nonFieldErrors` (ztc-002, ztc-003,
/// ztc-010/011), types related to published types are held (ztc-010), and numbers are strings where the spec
/// has a string (DRF).
@Suite("Catalogi API: the reference's rule behaviour")
struct CatalogiReferenceRulesTests {
    static let root = "/catalogi/api/v1"
    /// `catalogi.lezen` and `catalogi.schrijven` only: no forced scopes.
    static let writer = ZGWToken.make(clientID: "schrijver", secret: "s")

    /// A server with a catalogus, the all-autorisaties `beheer` client and the `schrijver`; passes the catalogus.
    static func run(_ body: @Sendable (any TestClientProtocol, String) async throws -> Void) async throws {
        try await TestServer.run { server, client in
            let catalogus = try await ZaakTypenTests.setUp(server, client)
            try await server.addClient(
                "schrijver", secret: "s", all: false, autorisaties: [Autorisatie(component: .ztc, scopes: ["catalogi.lezen", "catalogi.schrijven"])])
            try await body(client, catalogus)
        }
    }

    static func send(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ url: String, _ json: String? = nil, token: String = writer
    ) async throws -> TestResponse {
        try await client.execute(uri: ZaakTypenTests.path(url), method: method, headers: jsonHeaders(token), body: json.map { ByteBuffer(string: $0) })
    }

    static func created(_ response: TestResponse) throws -> String {
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return try #require(response.headers[.location])
    }

    static func publish(_ client: some TestClientProtocol, _ url: String) async throws {
        let published = try await send(client, .post, url + "/publish", token: ZaakTypenTests.token)
        #expect(published.status == .ok, "\(String(buffer: published.body))")
    }

    /// `name/code` of each invalid param.
    static func pairs(_ response: TestResponse) throws -> [String] {
        try (problem(response).invalidParams ?? []).map { "\($0.name)/\($0.code)" }
    }

    /// The type as served, ready to PUT back.
    static func representation(_ client: some TestClientProtocol, _ url: String) async throws -> String {
        String(buffer: try await send(client, .get, url).body)
    }

    static let refused = ["nonFieldErrors/non-concept-relation"]

    @Test("ztc-010: a besluittype related to a published informatieobjecttype, and an informatieobjecttype related to a published besluittype, are not updated or deleted (non-concept-relation), except a PATCH of eindeGeldigheid alone")
    func ztc010_besluittypeAndPublishedInformatieobjecttype() async throws {
        try await Self.run { client, catalogus in
            let iot = try await BesluitTypenTests.iot(client, catalogus: catalogus, omschrijving: "Aanvraag")
            try await Self.publish(client, iot)
            let besluittype = try Self.created(try await BesluitTypenTests.post(client, "besluittypen", BesluitTypenTests.besluittype(catalogus: catalogus, iots: [iot])))
            #expect(try Self.pairs(try await Self.send(client, .patch, besluittype, #"{"toelichting": "anders"}"#)) == Self.refused)
            let body = try await Self.representation(client, besluittype)
            #expect(try Self.pairs(try await Self.send(client, .put, besluittype, body)) == Self.refused)
            #expect(try Self.pairs(try await Self.send(client, .delete, besluittype)) == Self.refused)
            #expect(try await Self.send(client, .patch, besluittype, #"{"eindeGeldigheid": "2026-12-31"}"#).status == .ok)
            #expect(try await Self.send(client, .patch, besluittype, #"{"toelichting": "anders"}"#, token: ZaakTypenTests.token).status == .ok, "forced")

            // The other way round: a concept informatieobjecttype named by a published besluittype.
            let concept = try await BesluitTypenTests.iot(client, catalogus: catalogus, omschrijving: "Bijlage")
            let ontheffing = BesluitTypenTests.besluittype(catalogus: catalogus, iots: [concept]).replacingOccurrences(of: #""Vergunning""#, with: #""Ontheffing""#)
            let published = try Self.created(try await BesluitTypenTests.post(client, "besluittypen", ontheffing))
            try await Self.publish(client, published)
            #expect(try Self.pairs(try await Self.send(client, .patch, concept, #"{"omschrijving": "Bijlage 2"}"#)) == Self.refused)
            #expect(try Self.pairs(try await Self.send(client, .delete, concept)) == Self.refused)
            #expect(try await Self.send(client, .patch, concept, #"{"eindeGeldigheid": "2026-12-31"}"#).status == .ok)
        }
    }

    @Test("ztc-010: a zaaktype related to a published besluittype is not updated or deleted (non-concept-relation), except a PATCH of eindeGeldigheid alone")
    func ztc010_zaaktypeAndPublishedBesluittype() async throws {
        try await Self.run { client, catalogus in
            let besluittype = try Self.created(try await BesluitTypenTests.post(client, "besluittypen", BesluitTypenTests.besluittype(catalogus: catalogus, iots: [])))
            try await Self.publish(client, besluittype)
            let zaaktype = try Self.created(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus, besluittypen: [besluittype])))
            #expect(try Self.pairs(try await Self.send(client, .patch, zaaktype, #"{"toelichting": "anders"}"#)) == Self.refused)
            let body = try await Self.representation(client, zaaktype)
            #expect(try Self.pairs(try await Self.send(client, .put, zaaktype, body)) == Self.refused)
            #expect(try Self.pairs(try await Self.send(client, .delete, zaaktype)) == Self.refused)
            #expect(try await Self.send(client, .patch, zaaktype, #"{"eindeGeldigheid": "2026-12-31"}"#).status == .ok)
            // A concept zaaktype may not take a published besluittype on by an update either.
            let other = try Self.created(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus)))
            #expect(try Self.pairs(try await Self.send(client, .patch, other, #"{"besluittypen": ["\#(besluittype)"]}"#)) == Self.refused)
            #expect(try await Self.send(client, .patch, other, #"{"toelichting": "anders"}"#).status == .ok)
        }
    }

    @Test("ztc-010/011: a zaaktype linking a published informatieobjecttype is updated but not deleted; its link changes while one side is a concept and is frozen (non-concept-relation) once both are published")
    func ztc010_zaaktypeAndPublishedInformatieobjecttype() async throws {
        try await Self.run { client, catalogus in
            let iot = try await BesluitTypenTests.iot(client, catalogus: catalogus, omschrijving: "Aanvraag")
            try await Self.publish(client, iot)
            let zaaktype = try Self.created(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus)))
            let link = try Self.created(try await ZaakTypeInformatieObjectTypenTests.link(client, zaaktype: zaaktype, iot: iot, token: Self.writer))
            #expect(try await Self.send(client, .patch, zaaktype, #"{"toelichting": "anders"}"#).status == .ok)
            let body = try await Self.representation(client, zaaktype)
            #expect(try await Self.send(client, .put, zaaktype, body).status == .ok)
            #expect(try Self.pairs(try await Self.send(client, .delete, zaaktype)) == Self.refused)
            #expect(try await Self.send(client, .patch, link, #"{"volgnummer": 2}"#).status == .ok, "only the informatieobjecttype is published")
            #expect(try await Self.send(client, .delete, link).status == .noContent)
            #expect(try await Self.send(client, .delete, zaaktype).status == .noContent, "no published relation left")

            let second = try Self.created(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus)))
            let frozen = try Self.created(try await ZaakTypeInformatieObjectTypenTests.link(client, zaaktype: second, iot: iot, token: Self.writer))
            try await Self.publish(client, second)
            #expect(try Self.pairs(try await Self.send(client, .patch, frozen, #"{"volgnummer": 2}"#)) == Self.refused)
            #expect(try Self.pairs(try await Self.send(client, .delete, frozen)) == Self.refused)
        }
    }

    @Test("ztc-010: statustypen, roltypen, resultaattypen and eigenschappen of a published zaaktype: PUT, PATCH and DELETE are nonFieldErrors/non-concept-zaaktype",
          arguments: ["statustype", "roltype", "resultaattype", "eigenschap"])
    func ztc010_subTypeOfPublishedZaaktypeRefused(_ kind: String) async throws {
        try await ZakenFixture.run { server, client, types in
            try await server.addClient(
                "schrijver", secret: "s", all: false, autorisaties: [Autorisatie(component: .ztc, scopes: ["catalogi.lezen", "catalogi.schrijven"])])
            let url = switch kind {
            case "statustype": types.ontvangen
            case "roltype": types.roltype
            case "resultaattype": types.resultaattype
            default: types.eigenschap
            }
            let expected = ["nonFieldErrors/non-concept-zaaktype"]
            var body = try await Self.representation(client, url)
            if kind == "resultaattype" {
                // A resultaattype's PUT body as the fixture created it (its representation holds read-only derivations).
                let served = try jsonObject(try await Self.send(client, .get, url))
                body = #"""
                    {"zaaktype": "\#(types.zaaktype)", "omschrijving": "Verleend", "selectielijstklasse": "\#(served["selectielijstklasse"]?.text ?? "")",
                     "resultaattypeomschrijving": "\#(served["resultaattypeomschrijving"]?.text ?? "")", "archiefnominatie": "vernietigen",
                     "archiefactietermijn": "P1Y", "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld", "datumkenmerk": "",
                     "einddatumBekend": false, "objecttype": "", "registratie": "", "procestermijn": null}}
                    """#
            }
            let put = try await Self.send(client, .put, url, body)
            #expect(try Self.pairs(put) == expected, "\(String(buffer: put.body))")
            #expect(try Self.pairs(try await Self.send(client, .patch, url, #"{"toelichting": "anders"}"#)) == expected)
            #expect(try Self.pairs(try await Self.send(client, .delete, url)) == expected)
            #expect(try await Self.send(client, .get, url).status == .ok, "not deleted")
        }
    }

    @Test("ztc-002/003: procestype-mismatch and invalid-afleidingswijze-for-procestermijn are nonFieldErrors")
    func ztc002_ztc003_objectLevelErrorsAreNonFieldErrors() async throws {
        try await ResultaatTypenTests.run(klasse: { ($0["proces_type"] as? Int) == 1 && ($0["procestermijn"] as? String) == "nihil" }) {
            _, client, zaaktype, selectielijst, klasse in
            let (other, _) = try SelectielijstStub.resultaat(where: { ($0["proces_type"] as? Int) == 2 })
            let mismatch = try await ResultaatTypenTests.post(client, try ResultaatTypenTests.resultaattype(
                zaaktype: zaaktype, selectielijst: selectielijst, klasse: "\(selectielijst)/resultaten/\(other)"))
            #expect(try Self.pairs(mismatch) == ["nonFieldErrors/procestype-mismatch"])
            let afleidingswijze = try await ResultaatTypenTests.post(client, try ResultaatTypenTests.resultaattype(
                zaaktype: zaaktype, selectielijst: selectielijst, klasse: klasse,
                extra: #", "brondatumArchiefprocedure": {"afleidingswijze": "termijn", "procestermijn": "P5Y"}"#))
            #expect(try Self.pairs(afleidingswijze) == ["nonFieldErrors/invalid-afleidingswijze-for-procestermijn"])
        }
    }

    @Test("DRF scalars: a number in a string field is its text (identificatie 20 is \"20\"); a boolean or an object stays invalid")
    func drfScalars_numberIsAStringField() async throws {
        try await Self.run { client, catalogus in
            let created = try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus, extra: #", "identificatie": 20, "toelichting": 1.5"#))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let body = try jsonObject(created)
            #expect(body["identificatie"] == .string("20"))
            #expect(body["toelichting"] == .string("1.5"))
            let boolean = try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus, extra: #", "identificatie": true"#))
            #expect(try Self.pairs(boolean) == ["identificatie/invalid"])
            let object = try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus, extra: #", "identificatie": {"a": 1}"#))
            #expect(try Self.pairs(object) == ["identificatie/invalid"])
        }
    }
}
