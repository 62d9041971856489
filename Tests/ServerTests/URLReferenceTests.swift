import Domain
import Foundation
import HummingbirdTesting
import Testing
import ZGWHTTP

/// Every field that holds the URL of another resource is checked in the reference's two steps: a URL that
/// cannot be fetched or answers other than 200 is `bad-url`; one that answers 200 with something that is not
/// that resource is `invalid-resource`. Our own URLs resolve in process, with the same outcome. Each rule's test
/// sends the field every kind of URL (the class) and its rule's own examples, through the real router.
@Suite("URL references: bad-url versus invalid-resource")
struct URLReferenceTests {
    typealias F = ZakenFixture

    /// What the fixture offers the cases: the ZakenFixture types, an external-resources stub and one of each of
    /// our resources a field can refer to.
    struct Context: Sendable {
        let fixture: ZakenFixture
        let stub: ExternalResourcesStub
        let zaak: String
        let besluit: String
        let document: String
        /// A concept zaaktype with a selectielijstProcestype, for resultaattypen.
        let conceptZaaktype: String
        let selectielijst: String
        let procestype: String
        let klasse: String
        let omschrijving: String
    }

    /// One URL field: how to send a URL in it.
    struct Field: Sendable {
        let name: String
        let send: @Sendable (any TestClientProtocol, Context, String) async throws -> TestResponse
    }

    static func run(_ body: @Sendable (any TestClientProtocol, Context) async throws -> Void) async throws {
        try await ZaakResourcesTests.run { _, client, fixture, stub in
            let zaak = try #require(try await F.post(client, "zaken", fixture.zaak()).headers[.location])
            let besluit = try #require(try await BesluitenTests.post(client, "besluiten", BesluitenTests.besluit(fixture)).headers[.location])
            let document = try await D.create(client, fixture)
            let procestype = try #require(try jsonObject(try await ZaakTypeSubTypesTests.get(client, fixture.zaaktype))["selectielijstProcestype"]?.text)
            let procestypen = try #require(procestype.range(of: "/procestypen/"))
            let selectielijst = String(procestype[..<procestypen.lowerBound])
            let concept = try await ZaakTypenTests.post(
                client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: fixture.catalogus, extra: #", "selectielijstProcestype": "\#(procestype)""#))
            let (klasse, _) = try SelectielijstStub.resultaat(where: { ($0["procestermijn"] as? String) == "nihil" })
            try await body(client, Context(
                fixture: fixture, stub: stub, zaak: zaak, besluit: besluit, document: document, conceptZaaktype: try #require(concept.headers[.location]),
                selectielijst: selectielijst, procestype: procestype, klasse: "\(selectielijst)/resultaten/\(klasse)",
                omschrijving: "\(selectielijst)/resultaattypeomschrijvingen/\(try SelectielijstStub.resultaattypeomschrijving)"))
        }
    }

    /// Every kind of URL, with the code the reference gives it in any URL field.
    static func everyKind(_ context: Context) -> [(what: String, url: String, code: String)] {
        let stub = context.stub
        let unknownUUID = UUID().uuidString.lowercased()
        return [
            ("a URL that answers 404", "\(stub.base)/nergens/\(unknownUUID)", "bad-url"),
            ("a host nobody named", "http://10.20.30.40/api/v1/dingen/\(unknownUUID)", "bad-url"),
            ("our URL that answers 404", "\(TestServer.baseURL)/catalogi/api/v1/catalogussen/\(unknownUUID)", "bad-url"),
            ("our path that is no resource", "\(TestServer.baseURL)/catalogi/api/v1/onbekend/\(unknownUUID)", "bad-url"),
            ("a 200 without the resource's fields", stub.put("/ander/\(unknownUUID)", #"{"url": "\#(stub.base)/ander", "titel": "iets anders"}"#), "invalid-resource"),
            ("a 200 that is not a JSON object", stub.put("/lijst/\(unknownUUID)", "[]"), "invalid-resource"),
            ("our catalogus", context.fixture.catalogus, "invalid-resource"),
            ("our API root", "\(TestServer.baseURL)/zaken/api/v1/", "invalid-resource"),
        ]
    }

    /// Sends every kind of URL and `examples` in `field`; each answers 400 with exactly that name and code.
    static func check(_ field: Field, examples: @Sendable (Context) -> [(what: String, url: String, code: String)]) async throws {
        try await run { client, context in
            for (what, url, code) in everyKind(context) + examples(context) {
                let response = try await field.send(client, context, url)
                #expect(response.status == .badRequest, "\(field.name), \(what): \(response.status) \(String(buffer: response.body).prefix(300))")
                let param = try? problem(response).invalidParams?.first { $0.name == field.name }
                #expect(param?.code == code, "\(field.name), \(what): \(String(buffer: response.body).prefix(400))")
            }
        }
    }

    @Test("zrc-001: zaaktype — a catalogus or a zaak URL is invalid-resource, an unknown zaaktype bad-url")
    func zaaktype() async throws {
        try await Self.check(Field(name: "zaaktype") { client, context, url in
            try await F.post(client, "zaken", context.fixture.zaak().replacingOccurrences(of: context.fixture.zaaktype, with: url))
        }) { context in
            [
                ("a zaak", context.zaak, "invalid-resource"),
                ("an unknown zaaktype of ours", "\(TestServer.baseURL)/catalogi/api/v1/zaaktypen/\(UUID().uuidString.lowercased())", "bad-url"),
                ("an informatieobjecttype", context.fixture.iot, "invalid-resource"),
            ]
        }
    }

    @Test("zrc-010: communicatiekanaal — a zaak URL or a document without omschrijving is invalid-resource")
    func communicatiekanaal() async throws {
        try await Self.check(Field(name: "communicatiekanaal") { client, context, url in
            try await F.post(client, "zaken", context.fixture.zaak(#", "communicatiekanaal": "\#(url)""#))
        }) { context in
            [
                ("a zaak", context.zaak, "invalid-resource"),
                ("a kanaal without omschrijving", context.stub.put("/kanalen/zonder", #"{"url": "\#(context.stub.base)/kanalen/zonder", "naam": "post"}"#), "invalid-resource"),
            ]
        }
    }

    @Test("drc-001: informatieobjecttype — a zaaktype URL is invalid-resource, an unknown informatieobjecttype bad-url")
    func informatieobjecttype() async throws {
        try await Self.check(Field(name: "informatieobjecttype") { client, context, url in
            try await D.post(client, "enkelvoudiginformatieobjecten", D.document(context.fixture).replacingOccurrences(of: context.fixture.iot, with: url))
        }) { context in
            [
                ("a zaaktype", context.fixture.zaaktype, "invalid-resource"),
                ("an unknown informatieobjecttype of ours", "\(TestServer.baseURL)/catalogi/api/v1/informatieobjecttypen/\(UUID().uuidString.lowercased())", "bad-url"),
            ]
        }
    }

    @Test("brc-001: besluittype — a zaak URL is invalid-resource, an unknown besluittype bad-url")
    func besluittype() async throws {
        try await Self.check(Field(name: "besluittype") { client, context, url in
            try await BesluitenTests.post(client, "besluiten", BesluitenTests.besluit(context.fixture).replacingOccurrences(of: context.fixture.besluittype, with: url))
        }) { context in
            [
                ("a zaak", context.zaak, "invalid-resource"),
                ("an unknown besluittype of ours", "\(TestServer.baseURL)/catalogi/api/v1/besluittypen/\(UUID().uuidString.lowercased())", "bad-url"),
            ]
        }
    }

    @Test("drc-002: object of an objectinformatieobject (objectType zaak) — a besluit URL is invalid-resource, an unknown zaak bad-url")
    func objectZaak() async throws {
        try await Self.check(Field(name: "object") { client, context, url in
            try await D.post(client, "objectinformatieobjecten", #"{"informatieobject": "\#(context.document)", "object": "\#(url)", "objectType": "zaak"}"#)
        }) { context in
            [
                ("a besluit", context.besluit, "invalid-resource"),
                ("an unknown zaak of ours", "\(TestServer.baseURL)/zaken/api/v1/zaken/\(UUID().uuidString.lowercased())", "bad-url"),
                ("an external zaak without its required fields", context.stub.put("/zaken/api/v1/zaken/1", #"{"url": "x", "zaaktype": "y"}"#), "invalid-resource"),
            ]
        }
    }

    @Test("drc-002: object of an objectinformatieobject (objectType besluit) — a zaak URL is invalid-resource, an unknown besluit bad-url")
    func objectBesluit() async throws {
        try await Self.check(Field(name: "object") { client, context, url in
            try await D.post(client, "objectinformatieobjecten", #"{"informatieobject": "\#(context.document)", "object": "\#(url)", "objectType": "besluit"}"#)
        }) { context in
            [
                ("a zaak", context.zaak, "invalid-resource"),
                ("an unknown besluit of ours", "\(TestServer.baseURL)/besluiten/api/v1/besluiten/\(UUID().uuidString.lowercased())", "bad-url"),
            ]
        }
    }

    @Test("ztc-001: selectielijstProcestype — a resultaat of the Selectielijst is invalid-resource, an unknown procestype bad-url")
    func selectielijstProcestype() async throws {
        try await Self.check(Field(name: "selectielijstProcestype") { client, context, url in
            try await ZaakTypenTests.post(
                client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: context.fixture.catalogus, extra: #", "selectielijstProcestype": "\#(url)""#))
        }) { context in
            [
                ("a resultaat", context.klasse, "invalid-resource"),
                ("an unknown procestype", "\(context.selectielijst)/procestypen/\(UUID().uuidString.lowercased())", "bad-url"),
            ]
        }
    }

    @Test("ztc-002: selectielijstklasse — a procestype of the Selectielijst is invalid-resource, an unknown resultaat bad-url")
    func selectielijstklasse() async throws {
        try await Self.check(Field(name: "selectielijstklasse") { client, context, url in
            try await ResultaatTypenTests.post(client, #"""
                {"zaaktype": "\#(context.conceptZaaktype)", "omschrijving": "Verleend", "selectielijstklasse": "\#(url)",
                 "resultaattypeomschrijving": "\#(context.omschrijving)"}
                """#)
        }) { context in
            [
                ("a procestype", context.procestype, "invalid-resource"),
                ("an unknown resultaat", "\(context.selectielijst)/resultaten/\(UUID().uuidString.lowercased())", "bad-url"),
            ]
        }
    }

    @Test("ztc-002: resultaattypeomschrijving — a resultaat of the Selectielijst is invalid-resource, an unknown one bad-url")
    func resultaattypeomschrijving() async throws {
        try await Self.check(Field(name: "resultaattypeomschrijving") { client, context, url in
            try await ResultaatTypenTests.post(client, #"""
                {"zaaktype": "\#(context.conceptZaaktype)", "omschrijving": "Verleend", "selectielijstklasse": "\#(context.klasse)",
                 "resultaattypeomschrijving": "\#(url)"}
                """#)
        }) { context in
            [
                ("a resultaat", context.klasse, "invalid-resource"),
                ("an unknown omschrijving", "\(context.selectielijst)/resultaattypeomschrijvingen/\(UUID().uuidString.lowercased())", "bad-url"),
            ]
        }
    }
}
