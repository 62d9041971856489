import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

/// Zaken rules as the reference applies them: numbers in string fields (DRF), the zaakobject brondatum
/// (zrc-021), the order of zrc-022's errors, validation before the closed-zaak refusal, and the geo search with
/// any geometry.
@Suite("Zaken API: the reference's rule behaviour")
struct ZakenReferenceRulesTests {
    typealias F = ZakenFixture

    /// `name/code` of each invalid param.
    static func pairs(_ response: TestResponse) throws -> [String] {
        try (problem(response).invalidParams ?? []).map { "\($0.name)/\($0.code)" }
    }

    static func created(_ response: TestResponse) throws -> String {
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return try #require(response.headers[.location])
    }

    @Test("DRF scalars: a number in a string field of a zaak is its text (omschrijving 20 is \"20\"); a boolean stays invalid")
    func drfScalars_zaakNumberIsText() async throws {
        try await F.run { _, client, types in
            let zaak = try Self.created(try await F.post(client, "zaken", types.zaak(#", "omschrijving": 20, "identificatie": 1234"#)))
            let body = try jsonObject(try await F.get(client, zaak))
            #expect(body["omschrijving"] == .string("20"))
            #expect(body["identificatie"] == .string("1234"))
            #expect(try Self.pairs(try await F.post(client, "zaken", types.zaak(#", "omschrijving": true"#))) == ["omschrijving/invalid"])
            #expect(try Self.pairs(try await F.post(client, "zaken", types.zaak(#", "omschrijving": {"a": 1}"#))) == ["omschrijving/invalid"])
        }
    }

    @Test("zrc-021: afleidingswijze zaakobject takes the latest datumkenmerk of the zaak's zaakobjecten of the objecttype, from objectIdentificatie (2013-1-1 is a date) or from the resource behind object")
    func zrc021_brondatumFromZaakobject() async throws {
        try await ExternalResourcesStub.run { stub in
            try await F.run { _, client, types in
                // A resultaattype deriving the brondatum from woz_waarde.waardepeildatum, added with the forced scopes.
                let existing = try jsonObject(try await F.get(client, types.resultaattype))
                let klasse = try #require(existing["selectielijstklasse"]?.text)
                let resultaten = try #require(klasse.range(of: "/resultaten/"))
                let selectielijst = String(klasse[..<resultaten.lowerBound])
                let (open, _) = try SelectielijstStub.resultaat(where: { ($0["proces_type"] as? Int) == 1 && ($0["procestermijn"] as? String) == "" })
                let resultaattype = try Self.created(try await ZaakTypeSubTypesTests.post(client, "resultaattypen", #"""
                    {"zaaktype": "\#(types.zaaktype)", "omschrijving": "WOZ", "selectielijstklasse": "\#(selectielijst)/resultaten/\#(open)",
                     "resultaattypeomschrijving": "\#(existing["resultaattypeomschrijving"]?.text ?? "")", "archiefnominatie": "vernietigen",
                     "archiefactietermijn": "P10Y", "brondatumArchiefprocedure": {"afleidingswijze": "zaakobject", "datumkenmerk": "waardepeildatum",
                     "objecttype": "woz_waarde", "einddatumBekend": false, "registratie": "", "procestermijn": null}}
                    """#))
                let external = stub.put("/objecten/woz/1", #"{"waardepeildatum": "2014-02-03", "waarde": 250000}"#)

                func closed(_ zaakobjecten: [String]) async throws -> [String: JSONValue] {
                    let zaak = try Self.created(try await F.post(client, "zaken", types.zaak()))
                    for zaakobject in zaakobjecten {
                        _ = try Self.created(try await F.post(client, "zaakobjecten", #"{"zaak": "\#(zaak)", "objectType": "woz_waarde"\#(zaakobject)}"#))
                    }
                    _ = try Self.created(try await F.post(client, "zaakobjecten", #"{"zaak": "\#(zaak)", "objectType": "overige", "objectTypeOverige": "boom", "objectIdentificatie": {"overigeData": {"waardepeildatum": "2030-01-01"}}}"#))
                    _ = try Self.created(try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(resultaattype)"}"#))
                    _ = try Self.created(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#))
                    return try jsonObject(try await F.get(client, zaak))
                }
                let local = try await closed([#", "objectIdentificatie": {"waardepeildatum": "2013-1-1"}"#])
                #expect(local["startdatumBewaartermijn"] == .string("2013-01-01"))
                #expect(local["archiefactiedatum"] == .string("2023-01-01"))
                let both = try await closed([#", "objectIdentificatie": {"waardepeildatum": "2013-1-1"}"#, #", "object": "\#(external)""#])
                #expect(both["startdatumBewaartermijn"] == .string("2014-02-03"), "the external object's date is the latest")
                #expect(both["archiefactiedatum"] == .string("2024-02-03"))
            }
        }
    }

    @Test("zrc-022: archiefstatus/documents-not-archived is the first invalid param; the other errors follow it")
    func zrc022_documentsNotArchivedComesFirst() async throws {
        try await F.run { _, client, types in
            let zaak = try Self.created(try await F.post(client, "zaken", types.zaak()))
            let document = try await D.create(client, types, #", "status": "definitief""#)
            _ = try Self.created(try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)"}"#))
            let refused = try await F.send(client, .patch, zaak, #"{"archiefstatus": "gearchiveerd", "productenOfDiensten": ["https://example.nl/ander"]}"#)
            let pairs = try Self.pairs(refused)
            #expect(pairs.first == "archiefstatus/documents-not-archived")
            #expect(Set(pairs) == [
                "archiefstatus/documents-not-archived", "archiefnominatie/archiefnominatie-not-set", "archiefactiedatum/archiefactiedatum-not-set",
                "productenOfDiensten/invalid-products-services",
            ])
        }
    }

    @Test("zrc-007: the body is validated before the closed-zaak refusal: a second resultaat on a closed zaak is 400 zaak/unique without zaken.geforceerd-bijwerken; a valid change is 403")
    func zrc007_validationBeforeClosedZaakRefusal() async throws {
        try await F.run { server, client, types in
            let zaak = try Self.created(try await F.post(client, "zaken", types.zaak()))
            _ = try Self.created(try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#))
            _ = try Self.created(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#))
            try await server.addClient("behandelaar", secret: "b", all: false, autorisaties: [
                Autorisatie(component: .zrc, scopes: ["zaken.lezen", "zaken.bijwerken"], zaaktype: types.zaaktype, maxVertrouwelijkheidaanduiding: .geheim)
            ])
            let behandelaar = ZGWToken.make(clientID: "behandelaar", secret: "b")
            let second = try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#, token: behandelaar)
            #expect(second.status == .badRequest)
            #expect(try Self.pairs(second) == ["zaak/unique"])
            let invalidPatch = try await F.send(client, .patch, zaak, #"{"productenOfDiensten": ["https://example.nl/ander"]}"#, token: behandelaar)
            #expect(try Self.pairs(invalidPatch) == ["productenOfDiensten/invalid-products-services"])
            let validPatch = try await F.send(client, .patch, zaak, #"{"omschrijving": "later"}"#, token: behandelaar)
            #expect(validPatch.status == .forbidden)
        }
    }

    @Test("_zoek: zaakgeometrie.within takes a Point, MultiPoint, LineString or MultiPolygon with ST_Within semantics (a line's ends are its boundary)")
    func zaakgeometrieWithin_anyGeometry() async throws {
        try await F.run { _, client, types in
            func zaak(_ geometry: String) async throws -> String {
                try Self.created(try await F.post(client, "zaken", types.zaak(#", "zaakgeometrie": \#(geometry)"#)))
            }
            let a = try await zaak(#"{"type": "Point", "coordinates": [5.5, 52.5]}"#)
            let b = try await zaak(#"{"type": "Point", "coordinates": [7, 52]}"#)
            let onLine = try await zaak(#"{"type": "Point", "coordinates": [5.2, 52.2]}"#)
            let lineEnd = try await zaak(#"{"type": "Point", "coordinates": [5.1, 52.1]}"#)
            let line = try await zaak(#"{"type": "LineString", "coordinates": [[5.1, 52.1], [5.3, 52.3]]}"#)
            func found(_ area: String) async throws -> Set<String> {
                let response = try await F.post(client, "zaken/_zoek", #"{"zaakgeometrie": {"within": \#(area)}}"#)
                #expect(response.status == .ok, "\(area): \(String(buffer: response.body))")
                return Set((try jsonObject(response)["results"]?.array ?? []).compactMap { $0.object?["url"]?.text })
            }
            #expect(try await found(#"{"type": "Point", "coordinates": [5.5, 52.5]}"#) == [a])
            #expect(try await found(#"{"type": "MultiPoint", "coordinates": [[5.5, 52.5], [7, 52]]}"#) == [a, b])
            #expect(try await found(#"{"type": "LineString", "coordinates": [[5.0, 52.0], [5.4, 52.4]]}"#) == [onLine, lineEnd, line])
            #expect(try await found(#"{"type": "LineString", "coordinates": [[5.1, 52.1], [5.3, 52.3]]}"#) == [onLine, line], "an end of the line is its boundary")
            #expect(try await found(#"""
                {"type": "MultiPolygon", "coordinates": [[[[5.4, 52.4], [5.6, 52.4], [5.6, 52.6], [5.4, 52.6], [5.4, 52.4]]],
                                                         [[[6.9, 51.9], [7.1, 51.9], [7.1, 52.1], [6.9, 52.1], [6.9, 51.9]]]]}
                """#) == [a, b])
            let invalid = try await F.post(client, "zaken/_zoek", #"{"zaakgeometrie": {"within": {"type": "Point", "coordinates": [1]}}}"#)
            #expect(try Self.pairs(invalid) == ["zaakgeometrie.within/invalid"])
        }
    }
}
