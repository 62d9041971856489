import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

@Suite("Zaken API: resources under a zaak")
struct ZaakResourcesTests {
    typealias F = ZakenFixture

    /// The fixture plus a stub for other services' resources.
    static func run(
        uploadChunkSize: Int64 = 4 << 30, _ body: @Sendable (TestServer, any TestClientProtocol, ZakenFixture, ExternalResourcesStub) async throws -> Void
    ) async throws {
        try await ExternalResourcesStub.run { stub in
            try await F.run(uploadChunkSize: uploadChunkSize) { server, client, types in try await body(server, client, types, stub) }
        }
    }

    static func array(_ response: TestResponse) throws -> [JSONValue] {
        guard case .array(let items) = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body)) else { return [] }
        return items
    }

    @Test("zrc-003/004/005/017: a ZIO needs a document that resolves and whose informatieobjecttype is the zaaktype's; pair unique; immutable")
    func zaakInformatieObjecten() async throws {
        try await Self.run { server, client, types, stub in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let document = stub.put("/documenten/api/v1/enkelvoudiginformatieobjecten/1", #"{"titel": "Aanvraag", "informatieobjecttype": "\#(types.iot)"}"#)
            let foreign = stub.put("/documenten/api/v1/enkelvoudiginformatieobjecten/2", #"{"titel": "Overig", "informatieobjecttype": "\#(types.otherIOT)"}"#)
            let before = try await server.store.headPosition()
            let unreachable = try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(stub.base)/documenten/api/v1/enkelvoudiginformatieobjecten/9"}"#)
            #expect(try problem(unreachable).invalidParams?.first?.code == "bad-url")
            let mismatch = try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(foreign)"}"#)
            #expect(try problem(mismatch).invalidParams?.first?.code == "missing-zaaktype-informatieobjecttype-relation")
            #expect(try await server.store.headPosition() == before)
            let created = try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)", "titel": "bijlage"}"#)
            #expect(created.status == .created, "\(String(buffer: created.body))")
            try expectConforms(created, to: "ZaakInformatieObject", in: F.spec)
            #expect(try jsonObject(created)["aardRelatieWeergave"] == .string("Hoort bij, omgekeerd: kent"))
            let again = try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)"}"#)
            #expect(try problem(again).invalidParams?.first?.code == "unique")
            let url = try #require(created.headers[.location])
            let moved = try await F.send(client, .patch, url, #"{"informatieobject": "\#(foreign)"}"#)
            #expect(try problem(moved).invalidParams?.first?.code == "wijzigen-niet-toegelaten")
            #expect(try await F.send(client, .patch, url, #"{"titel": "nieuw"}"#).status == .ok)
            #expect(try jsonObject(try await F.get(client, zaak))["zaakinformatieobjecten"] == .array([.string(url)]))
            let list = try await F.get(client, "\(F.root)/zaakinformatieobjecten?zaak=\(zaak)")
            #expect(try Self.array(list).count == 1)
            #expect(try await F.send(client, .delete, url).status == .noContent)
            #expect(try jsonObject(try await F.get(client, zaak))["zaakinformatieobjecten"] == .array([]))
        }
    }

    @Test("zrc-007: a zaak closes only when each of its documents has indicatieGebruiksrecht set (indicatiegebruiksrecht-unset)")
    func closingNeedsGebruiksrecht() async throws {
        try await Self.run { _, client, types, stub in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let path = "/documenten/api/v1/enkelvoudiginformatieobjecten/1"
            let document = stub.put(path, #"{"titel": "Aanvraag", "informatieobjecttype": "\#(types.iot)", "indicatieGebruiksrecht": null}"#)
            #expect(try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)"}"#).status == .created)
            #expect(try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#).status == .created)
            let end = #"{"zaak": "\#(zaak)", "statustype": "\#(types.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#
            #expect(try problem(try await F.post(client, "statussen", end)).invalidParams?.first?.code == "indicatiegebruiksrecht-unset")
            stub.put(path, #"{"titel": "Aanvraag", "informatieobjecttype": "\#(types.iot)", "indicatieGebruiksrecht": false}"#)
            #expect(try await F.post(client, "statussen", end).status == .created)
        }
    }

    @Test("zaakcontactmomenten, zaakverzoeken and zaakbesluiten refer to resources that must resolve (bad-url); plain-array lists")
    func referencesElsewhere() async throws {
        try await Self.run { _, client, types, stub in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let contactmoment = stub.put("/contactmomenten/api/v1/contactmomenten/1", #"{"kanaal": "telefoon"}"#)
            let verzoek = stub.put("/verzoeken/api/v1/verzoeken/1", #"{"tekst": "graag"}"#)
            let besluit = stub.put("/besluiten/api/v1/besluiten/1", #"{"identificatie": "B-1"}"#)
            for (collection, field, url, schema) in [("zaakcontactmomenten", "contactmoment", contactmoment, "ZaakContactMoment"), ("zaakverzoeken", "verzoek", verzoek, "ZaakVerzoek")] {
                let bad = try await F.post(client, collection, #"{"zaak": "\#(zaak)", "\#(field)": "\#(stub.base)/onbekend"}"#)
                #expect(try problem(bad).invalidParams?.first == InvalidParam(name: field, code: "bad-url", reason: try problem(bad).invalidParams?.first?.reason ?? ""))
                let created = try await F.post(client, collection, #"{"zaak": "\#(zaak)", "\#(field)": "\#(url)"}"#)
                #expect(created.status == .created, "\(collection): \(String(buffer: created.body))")
                try expectConforms(created, to: schema, in: F.spec)
                #expect(try Self.array(try await F.get(client, "\(F.root)/\(collection)?zaak=\(zaak)")).count == 1)
                #expect(try await F.send(client, .delete, created.headers[.location]!).status == .noContent)
            }
            let nested = "\(F.root)/zaken/\(zaak.suffix(36))/besluiten"
            let zaakbesluit = try await F.post(client, "zaken/\(zaak.suffix(36))/besluiten", #"{"besluit": "\#(besluit)"}"#)
            #expect(zaakbesluit.status == .created, "\(String(buffer: zaakbesluit.body))")
            try expectConforms(zaakbesluit, to: "ZaakBesluit", in: F.spec)
            #expect(try Self.array(try await F.get(client, nested)).count == 1)
            #expect(try await F.get(client, "\(F.root)/zaken/\(UUID())/besluiten").status == .notFound)
        }
    }

    @Test("zaakobjecten: polymorphic objectIdentificatie validated per objectType; overige needs its type; object and objectType immutable")
    func zaakObjecten() async throws {
        try await Self.run { _, client, types, _ in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let adres = try await F.post(client, "zaakobjecten", #"""
                {"zaak": "\#(zaak)", "objectType": "adres", "relatieomschrijving": "locatie",
                 "objectIdentificatie": {"identificatie": "0363200000000001", "wplWoonplaatsNaam": "Amsterdam", "gorOpenbareRuimteNaam": "Dam", "huisnummer": 1}}
                """#)
            #expect(adres.status == .created, "\(String(buffer: adres.body))")
            try expectConforms(adres, to: "ZaakObject", in: F.spec)
            let incomplete = try await F.post(client, "zaakobjecten", #"{"zaak": "\#(zaak)", "objectType": "adres", "objectIdentificatie": {"huisnummer": "een"}}"#)
            let names = Set(try problem(incomplete).invalidParams?.map(\.name) ?? [])
            #expect(names.isSuperset(of: ["objectIdentificatie.identificatie", "objectIdentificatie.huisnummer", "objectIdentificatie.wplWoonplaatsNaam"]))
            let overige = try await F.post(client, "zaakobjecten", #"{"zaak": "\#(zaak)", "objectType": "overige", "objectIdentificatie": {"overigeData": {"a": 1}}}"#)
            #expect(try problem(overige).invalidParams?.first?.name == "objectTypeOverige")
            let changed = try await F.send(client, .patch, adres.headers[.location]!, #"{"objectType": "pand"}"#)
            #expect(try problem(changed).invalidParams?.first?.code == "wijzigen-niet-toegelaten")
            #expect(try jsonObject(try await F.get(client, "\(F.root)/zaakobjecten?objectType=adres"))["count"] == .number(1))
            #expect(try jsonObject(try await F.get(client, "\(F.root)/zaakobjecten?objectType=pand"))["count"] == .number(0))
        }
    }

    @Test("klantcontacten: created with a generated identificatie, paginated list filtered by zaak")
    func klantcontacten() async throws {
        try await Self.run { _, client, types, _ in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let created = try await F.post(client, "klantcontacten", #"{"zaak": "\#(zaak)", "datumtijd": "2026-03-02T10:00:00+01:00", "kanaal": "telefoon"}"#)
            #expect(created.status == .created, "\(String(buffer: created.body))")
            try expectConforms(created, to: "KlantContact", in: F.spec)
            #expect(try jsonObject(created)["datumtijd"] == .string("2026-03-02T09:00:00Z"))
            let list = try await F.get(client, "\(F.root)/klantcontacten?zaak=\(zaak)")
            try expectConforms(list, to: "PaginatedKlantContactList", in: F.spec)
            #expect(try jsonObject(list)["count"] == .number(1))
        }
    }

    @Test("zrc-013/011/010/022: hoofdzaak not itself (self-forbidden) nor foreign (no_match); related zaken and communicatiekanaal must resolve; archiefstatus needs archiving data")
    func zaakReferenceRules() async throws {
        try await Self.run { server, client, types, stub in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let before = try await server.store.headPosition()
            let selfish = try await F.send(client, .patch, zaak, #"{"hoofdzaak": "\#(zaak)"}"#)
            #expect(try problem(selfish).invalidParams?.first?.code == "self-forbidden")
            let foreign = try await F.send(client, .patch, zaak, #"{"hoofdzaak": "https://elders.nl/zaken/api/v1/zaken/\#(UUID())"}"#)
            #expect(try problem(foreign).invalidParams?.first?.code == "no_match")
            let related = try await F.send(client, .patch, zaak, #"{"relevanteAndereZaken": [{"url": "\#(stub.base)/zaken/1", "aardRelatie": "vervolg"}]}"#)
            #expect(try problem(related).invalidParams?.first?.name == "relevanteAndereZaken.0.url")
            let kanaal = try await F.send(client, .patch, zaak, #"{"communicatiekanaal": "\#(stub.base)/kanalen/1"}"#)
            #expect(try problem(kanaal).invalidParams?.first?.code == "bad-url")
            let archived = try await F.send(client, .patch, zaak, #"{"archiefstatus": "gearchiveerd"}"#)
            #expect(Set(try problem(archived).invalidParams?.map(\.code) ?? []) == ["archiefnominatie-not-set", "archiefactiedatum-not-set"])
            #expect(try await server.store.headPosition() == before)
            let goodKanaal = stub.put("/kanalen/1", #"{"url": "\#(stub.base)/kanalen/1", "naam": "e-mail", "omschrijving": "E-mail"}"#)
            #expect(try await F.send(client, .patch, zaak, #"{"communicatiekanaal": "\#(goodKanaal)"}"#).status == .ok)
        }
    }

    @Test("zaak detail: ETag with If-None-Match 304, HEAD without body; 404 for unknown uuids and for pages past the end, however large")
    func caching() async throws {
        try await F.run { _, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let detail = try await F.get(client, zaak)
            var headers = F.headers()
            headers[.ifNoneMatch] = try #require(detail.headers[.eTag])
            #expect(try await client.execute(uri: ZaakTypenTests.path(zaak), method: .get, headers: headers).status == .notModified)
            let head = try await F.send(client, .head, zaak)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(try await F.get(client, "\(F.root)/statussen/\(UUID())").status == .notFound)
            // A page number whose offset overflows is past the end, not a crash.
            #expect(try await F.get(client, "\(F.root)/zaken?page=589253390517698816").status == .notFound)
            #expect(try await F.get(client, "\(F.root)/statussen?page=589253390517698816").status == .notFound)
            #expect(try await client.execute(uri: "\(F.root)/statussen/\(UUID())", method: .put, headers: F.headers()).status == .methodNotAllowed)
        }
    }
}
