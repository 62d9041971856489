import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

@Suite("Zaken API: zaken")
struct ZakenTests {
    typealias F = ZakenFixture

    @Test("zrc-001/002/009: a zaak of a published zaaktype gets a generated identificatie and the zaaktype's vertrouwelijkheid")
    func createZaak() async throws {
        try await F.run { server, client, types in
            let created = try await F.post(client, "zaken", types.zaak())
            #expect(created.status == .created, "\(String(buffer: created.body))")
            #expect(created.headers[HTTPField.Name("Content-Crs")!] == "EPSG:4326")
            try expectConforms(created, to: "Zaak", in: F.spec)
            let zaak = try jsonObject(created)
            #expect(zaak["identificatie"] == .string("ZAAK-2026-0000000001"))
            #expect(zaak["vertrouwelijkheidaanduiding"] == .string("openbaar"))
            #expect(zaak["archiefstatus"] == .string("nog_te_archiveren"))
            #expect(zaak["url"] == .string(try #require(created.headers[.location])))
            let detail = try await F.get(client, created.headers[.location]!)
            #expect(detail.status == .ok)
            #expect(detail.headers[.eTag] != nil)
            let list = try await F.get(client, "\(F.root)/zaken?bronorganisatie=002220647&startdatum__gte=2026-01-01")
            try expectConforms(list, to: "PaginatedZaakList", in: F.spec)
            #expect(try jsonObject(list)["count"] == .number(1))
            #expect(try jsonObject(try await F.get(client, "\(F.root)/zaken?startdatum__gt=2026-03-01"))["count"] == .number(0))
            #expect(try await F.get(client, "\(F.root)/zaken?onbekend=1").status == .badRequest)
        }
    }

    @Test("zrc-001: unknown zaaktype is bad-url, a concept zaaktype not-published, and the zaaktype is immutable; nothing is written")
    func zaaktypeRules() async throws {
        try await F.run { server, client, types in
            let before = try await server.store.headPosition()
            let unknown = try await F.post(client, "zaken", types.zaak().replacingOccurrences(of: types.zaaktype, with: "\(TestServer.baseURL)/catalogi/api/v1/zaaktypen/\(UUID())"))
            #expect(try problem(unknown).invalidParams?.first?.code == "bad-url")
            let concept = try #require(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: types.catalogus)).headers[.location])
            let afterConcept = try await server.store.headPosition()
            let notPublished = try await F.post(client, "zaken", types.zaak().replacingOccurrences(of: types.zaaktype, with: concept))
            #expect(try problem(notPublished).invalidParams?.contains { $0.name == "zaaktype" && $0.code == "not-published" } == true)
            #expect(try await server.store.headPosition() == afterConcept)
            #expect(afterConcept > before)
            let zaak = try await F.post(client, "zaken", types.zaak())
            let changed = try await F.send(client, .patch, zaak.headers[.location]!, #"{"zaaktype": "\#(concept)"}"#)
            #expect(try problem(changed).invalidParams?.first?.code == "wijzigen-niet-toegelaten")
        }
    }

    @Test("zrc-002: forty concurrent creates get forty different identificaties and no errors")
    func concurrentIdentificatie() async throws {
        try await F.run { _, client, types in
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        let response = try await F.post(client, "zaken", types.zaak())
                        return (response.status, (try? jsonObject(response))?["identificatie"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0.0 == .created })
            #expect(Set(statuses.map(\.1)).count == 40)
            #expect(Set(statuses.map(\.1)).contains("ZAAK-2026-0000000040"))
        }
    }

    @Test("zrc-002: a given identificatie must be unique per bronorganisatie (identificatie-niet-uniek)")
    func identificatieUnique() async throws {
        try await F.run { _, client, types in
            #expect(try await F.post(client, "zaken", types.zaak(#", "identificatie": "Z-1""#)).status == .created)
            let again = try await F.post(client, "zaken", types.zaak(#", "identificatie": "Z-1""#))
            #expect(try problem(again).invalidParams?.first?.code == "identificatie-niet-uniek")
        }
    }

    @Test("zrc-002: ten concurrent creates with the same identificatie: one 201, nine identificatie-niet-uniek, no 500")
    func identificatieRace() async throws {
        try await F.run { _, client, types in
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        let response = try await F.post(client, "zaken", types.zaak(#", "identificatie": "Z-RACE""#))
                        return (response.status, response.status == .badRequest ? try problem(response).invalidParams?.first?.code : nil)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0.0 == .created }.count == 1)
            #expect(statuses.filter { $0.0 == .badRequest && $0.1 == "identificatie-niet-uniek" }.count == 9)
        }
    }

    @Test("zrc-014/015/012: betaling-nvt, invalid-products-services, gegevensgroepen validated with dotted names; malformed input is a 400")
    func zaakFieldRules() async throws {
        try await F.run { server, client, types in
            let before = try await server.store.headPosition()
            let nvt = try await F.post(client, "zaken", types.zaak(#", "betalingsindicatie": "nvt", "laatsteBetaaldatum": "2026-01-01T10:00:00Z""#))
            #expect(try problem(nvt).invalidParams?.contains { $0.code == "betaling-nvt" } == true)
            let products = try await F.post(client, "zaken", types.zaak(#", "productenOfDiensten": ["https://example.nl/product/2"]"#))
            #expect(try problem(products).invalidParams?.contains { $0.code == "invalid-products-services" } == true)
            let group = try await F.post(client, "zaken", types.zaak(#", "opschorting": {"indicatie": true}, "verlenging": {"reden": "x", "duur": "vijf dagen"}"#))
            let names = Set(try problem(group).invalidParams?.map(\.name) ?? [])
            #expect(names == ["opschorting.reden", "verlenging.duur"])
            let geometry = try await F.post(client, "zaken", types.zaak(#", "zaakgeometrie": {"type": "Point", "coordinates": [1]}"#))
            #expect(try problem(geometry).invalidParams?.first?.name == "zaakgeometrie")
            let wrongType = try await F.post(client, "zaken", types.zaak(#", "startdatum": 5, "vertrouwelijkheidaanduiding": "heel_geheim""#).replacingOccurrences(of: #""startdatum": "2026-03-01", "#, with: ""))
            #expect(Set(try problem(wrongType).invalidParams?.map(\.code) ?? []).isSuperset(of: ["invalid", "invalid_choice"]))
            let rsin = try await F.post(client, "zaken", types.zaak().replacingOccurrences(of: #""bronorganisatie": "002220647""#, with: #""bronorganisatie": "123456789""#))
            #expect(try problem(rsin).invalidParams?.first?.name == "bronorganisatie")
            #expect(try await server.store.headPosition() == before)
        }
    }

    @Test("CRS headers as the served zaken-1.5.1 declares: Accept-Crs optional (EPSG:4326), Content-Crs required with a body (412), another CRS 406")
    func crsHeaders() async throws {
        try await F.run { _, client, types in
            var noAccept = F.headers()
            noAccept[HTTPField.Name("Accept-Crs")!] = nil
            let created = try await client.execute(uri: "\(F.root)/zaken", method: .post, headers: noAccept, body: ByteBuffer(string: types.zaak()))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            #expect(created.headers[HTTPField.Name("Content-Crs")!] == "EPSG:4326")
            let zaak = try #require(created.headers[.location])
            let list = try await client.execute(uri: "\(F.root)/zaken", method: .get, headers: bearer(F.token))
            #expect(list.status == .ok)
            #expect(list.headers[HTTPField.Name("Content-Crs")!] == "EPSG:4326")
            let detail = try await client.execute(uri: ZaakTypenTests.path(zaak), method: .get, headers: bearer(F.token))
            #expect(detail.status == .ok)
            let patched = try await client.execute(
                uri: ZaakTypenTests.path(zaak), method: .patch, headers: noAccept, body: ByteBuffer(string: #"{"omschrijving": "zonder Accept-Crs"}"#))
            #expect(patched.status == .ok)

            var noContent = F.headers()
            noContent[HTTPField.Name("Content-Crs")!] = nil
            let missing = try await client.execute(uri: "\(F.root)/zaken", method: .post, headers: noContent, body: ByteBuffer(string: types.zaak()))
            #expect(missing.status == .preconditionFailed)
            #expect(try problem(missing).code == "precondition_failed")
            #expect(try problem(missing).detail == "'Content-Crs' header ontbreekt")

            var otherAccept = bearer(F.token)
            otherAccept[HTTPField.Name("Accept-Crs")!] = "EPSG:28992"
            let notAcceptable = try await client.execute(uri: "\(F.root)/zaken", method: .get, headers: otherAccept)
            #expect(notAcceptable.status == .notAcceptable)
            #expect(try problem(notAcceptable).code == "not_acceptable")
            var otherContent = F.headers()
            otherContent[HTTPField.Name("Content-Crs")!] = "EPSG:28992"
            let other = try await client.execute(uri: "\(F.root)/zaken", method: .post, headers: otherContent, body: ByteBuffer(string: types.zaak()))
            #expect(other.status == .notAcceptable)
            #expect(try problem(other).code == "not_acceptable")
        }
    }

    @Test("zrc-006: a client sees only zaken of its zaaktypen up to its maximum vertrouwelijkheid; others are a 403")
    func authorisationFiltering() async throws {
        try await F.run { server, client, types in
            let open = try await F.post(client, "zaken", types.zaak())
            let secret = try await F.post(client, "zaken", types.zaak(#", "vertrouwelijkheidaanduiding": "geheim""#))
            try await server.addClient("lezer", secret: "l", all: false, autorisaties: [
                Autorisatie(component: .zrc, scopes: ["zaken.lezen"], zaaktype: types.zaaktype, maxVertrouwelijkheidaanduiding: .zaakvertrouwelijk)
            ])
            let reader = ZGWToken.make(clientID: "lezer", secret: "l")
            let list = try jsonObject(try await F.get(client, "\(F.root)/zaken", token: reader))
            #expect(list["count"] == .number(1))
            #expect(try await F.get(client, open.headers[.location]!, token: reader).status == .ok)
            #expect(try await F.get(client, secret.headers[.location]!, token: reader).status == .forbidden)
            let write = try await F.send(client, .patch, open.headers[.location]!, #"{"omschrijving": "x"}"#, token: reader)
            #expect(write.status == .forbidden)
        }
    }

    @Test("zrc-007/021/008: closing needs a resultaat, sets einddatum and archiving; then only geforceerd-bijwerken changes it; reopening with heropenen")
    func closingAndReopening() async throws {
        try await F.run { server, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let first = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#)
            #expect(first.status == .created)
            try expectConforms(first, to: "Status", in: F.spec)
            let noResultaat = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#)
            #expect(try problem(noResultaat).invalidParams?.first?.code == "resultaat-does-not-exist")
            let resultaat = try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#)
            #expect(resultaat.status == .created, "\(String(buffer: resultaat.body))")
            try expectConforms(resultaat, to: "Resultaat", in: F.spec)
            let second = try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#)
            #expect(try problem(second).invalidParams?.first?.code == "unique")
            let end = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#)
            #expect(end.status == .created)
            let closed = try jsonObject(try await F.get(client, zaak))
            #expect(closed["einddatum"] == .string("2026-03-05"))
            #expect(closed["archiefnominatie"] == .string("vernietigen"))
            #expect(closed["archiefactiedatum"] == .string("2027-03-05"))
            #expect(closed["status"] == .string(end.headers[.location]!))
            #expect(closed["resultaat"] == .string(resultaat.headers[.location]!))
            let firstNow = try jsonObject(try await F.get(client, first.headers[.location]!))
            #expect(firstNow["indicatieLaatstGezetteStatus"] == .bool(false))

            try await server.addClient("behandelaar", secret: "b", all: false, autorisaties: [
                Autorisatie(component: .zrc, scopes: ["zaken.lezen", "zaken.bijwerken", "zaken.statussen.toevoegen"], zaaktype: types.zaaktype, maxVertrouwelijkheidaanduiding: .geheim)
            ])
            let behandelaar = ZGWToken.make(clientID: "behandelaar", secret: "b")
            #expect(try await F.send(client, .patch, zaak, #"{"omschrijving": "later"}"#, token: behandelaar).status == .forbidden)
            #expect(try await F.post(client, "rollen", #"{"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "medewerker", "roltoelichting": "x", "betrokkeneIdentificatie": {"identificatie": "m1"}}"#, token: behandelaar).status == .forbidden)
            #expect(try await F.send(client, .patch, zaak, #"{"omschrijving": "later"}"#).status == .ok, "geforceerd-bijwerken (all autorisaties)")
            #expect(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-06T09:00:00Z"}"#, token: behandelaar).status == .forbidden)
            let reopened = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-06T09:00:00Z"}"#)
            #expect(reopened.status == .created)
            let open = try jsonObject(try await F.get(client, zaak))
            #expect(open["einddatum"] == .null)
            #expect(open["archiefactiedatum"] == .null)
            #expect(open["archiefnominatie"] == .null)
        }
    }

    @Test("zrc-016..020: types of another zaaktype are a zaaktype-mismatch; rol gets omschrijving from its roltype; filters on betrokkeneIdentificatie")
    func typeConsistencyAndRollen() async throws {
        try await F.run { _, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let other = try #require(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: types.catalogus)).headers[.location])
            let foreign = try #require(try await ZaakTypeSubTypesTests.post(client, "statustypen", #"{"zaaktype": "\#(other)", "omschrijving": "X", "volgnummer": 1}"#).headers[.location])
            let mismatch = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(foreign)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#)
            #expect(try problem(mismatch).invalidParams?.first?.code == "zaaktype-mismatch")
            let rol = try await F.post(client, "rollen", #"""
                {"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "natuurlijk_persoon", "roltoelichting": "aanvrager",
                 "betrokkeneIdentificatie": {"inpBsn": "111222333", "geslachtsnaam": "Jansen"}}
                """#)
            #expect(rol.status == .created, "\(String(buffer: rol.body))")
            try expectConforms(rol, to: "Rol", in: F.spec)
            #expect(try jsonObject(rol)["omschrijvingGeneriek"] == .string("initiator"))
            let found = try jsonObject(try await F.get(client, "\(F.root)/rollen?betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=111222333"))
            #expect(found["count"] == .number(1))
            let zaken = try jsonObject(try await F.get(client, "\(F.root)/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=111222333"))
            #expect(zaken["count"] == .number(1))
            #expect(try jsonObject(try await F.get(client, "\(F.root)/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=999"))["count"] == .number(0))
            let noBetrokkene = try await F.post(client, "rollen", #"{"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "medewerker", "roltoelichting": "x"}"#)
            #expect(try problem(noBetrokkene).invalidParams?.first?.code == "invalid-betrokkene")
            let eigenschap = try await F.post(client, "zaken/\(zaak.suffix(36))/zaakeigenschappen", #"{"eigenschap": "\#(types.eigenschap)", "waarde": "abc"}"#)
            #expect(eigenschap.status == .created, "\(String(buffer: eigenschap.body))")
            try expectConforms(eigenschap, to: "ZaakEigenschap", in: F.spec)
            #expect(try jsonObject(eigenschap)["naam"] == .string("kenmerk"))
            let put = try await F.send(client, .put, eigenschap.headers[.location]!, #"{"eigenschap": "\#(types.eigenschap)", "waarde": "def"}"#)
            #expect(put.status == .ok, "\(String(buffer: put.body))")
            #expect(try jsonObject(put)["waarde"] == .string("def"))
            let expanded = try jsonObject(try await F.get(client, zaak + "?expand=rollen.roltype,eigenschappen,zaaktype"))
            guard case .object(let expand)? = expanded["_expand"], case .array(let rollen)? = expand["rollen"] else { Issue.record("no _expand"); return }
            #expect(rollen.count == 1)
            #expect(expand["zaaktype"] != .null)
            #expect(try await F.get(client, zaak + "?expand=onzin").status == .badRequest)
        }
    }

    @Test("audittrail: every change of the zaak and under it, with who, why and the states before and after")
    func auditTrail() async throws {
        try await F.run { _, client, types in
            var headers = F.headers()
            headers[HTTPField.Name("X-Audit-Toelichting")!] = "Aanvraag ontvangen"
            let created = try await client.execute(uri: "\(F.root)/zaken", method: .post, headers: headers, body: ByteBuffer(string: types.zaak()))
            let zaak = try #require(created.headers[.location])
            _ = try await F.send(client, .patch, zaak, #"{"omschrijving": "Dakkapel"}"#)
            let trail = try await F.get(client, zaak + "/audittrail")
            #expect(trail.status == .ok)
            guard case .array(let records) = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: trail.body)) else { Issue.record("no array"); return }
            #expect(records.count == 2)
            guard case .object(let first) = records[0], case .object(let second) = records[1] else { return }
            #expect(first["actie"] == .string("create"))
            #expect(first["toelichting"] == .string("Aanvraag ontvangen"))
            #expect(first["applicatieId"] == .string("beheer"))
            #expect(second["actie"] == .string("partial_update"))
            guard case .object(let wijzigingen)? = second["wijzigingen"], case .object(let nieuw)? = wijzigingen["nieuw"], case .object(let oud)? = wijzigingen["oud"] else { return }
            #expect(oud["omschrijving"] == .string(""))
            #expect(nieuw["omschrijving"] == .string("Dakkapel"))
            guard case .string(let uuid)? = first["uuid"] else { return }
            #expect(try await F.get(client, zaak + "/audittrail/" + uuid).status == .ok)
        }
    }

    @Test("zrc-023: deleting a zaak removes it, everything under it and its deelzaken")
    func deleteZaak() async throws {
        try await F.run { _, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let deelzaak = try #require(try await F.post(client, "zaken", types.zaak(#", "hoofdzaak": "\#(zaak)""#)).headers[.location])
            let hoofd = try jsonObject(try await F.get(client, zaak))
            #expect(hoofd["deelzaken"] == .array([.string(deelzaak)]))
            let nested = try await F.post(client, "zaken", types.zaak(#", "hoofdzaak": "\#(deelzaak)""#))
            #expect(try problem(nested).invalidParams?.first?.code == "deelzaak-als-hoofdzaak")
            let status = try #require(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#).headers[.location])
            #expect(try await F.send(client, .delete, zaak).status == .noContent)
            #expect(try await F.get(client, zaak).status == .notFound)
            #expect(try await F.get(client, deelzaak).status == .notFound)
            #expect(try await F.get(client, status).status == .notFound)
            #expect(try jsonObject(try await F.get(client, "\(F.root)/statussen"))["count"] == .number(0))
        }
    }

    @Test("_zoek: zaakgeometrie.within a polygon finds points and polygons inside and not those in a hole or across the edge or outside")
    func geoSearch() async throws {
        try await F.run { _, client, types in
            func zaak(_ geometry: String) async throws -> String {
                try #require(try await F.post(client, "zaken", types.zaak(#", "zaakgeometrie": \#(geometry)"#)).headers[.location])
            }
            func point(_ x: Double, _ y: Double) async throws -> String { try await zaak(#"{"type": "Point", "coordinates": [\#(x), \#(y)]}"#) }
            let inside = try await point(5.1, 52.1)
            _ = try await point(5.5, 52.5)
            _ = try await point(7, 52)
            // Polygons take the vertex path of the bounding box (a Point its inlined expression, zaken-0006).
            let area = try await zaak(#"{"type": "Polygon", "coordinates": [[[5.1, 52.7], [5.2, 52.7], [5.2, 52.8], [5.1, 52.7]]]}"#)
            _ = try await zaak(#"{"type": "Polygon", "coordinates": [[[5.9, 52.7], [6.2, 52.7], [6.2, 52.8], [5.9, 52.7]]]}"#)
            let polygon = #"{"type": "Polygon", "coordinates": [[[5, 52], [6, 52], [6, 53], [5, 53], [5, 52]], [[5.4, 52.4], [5.6, 52.4], [5.6, 52.6], [5.4, 52.6], [5.4, 52.4]]]}"#
            let found = try await F.post(client, "zaken/_zoek", #"{"zaakgeometrie": {"within": \#(polygon)}}"#)
            #expect(found.status == .ok, "\(String(buffer: found.body))")
            let body = try jsonObject(found)
            #expect(body["count"] == .number(2))
            guard case .array(let results)? = body["results"] else { return }
            #expect(Set(results.compactMap { $0.object?["url"]?.text }) == [inside, area])
        }
    }
}
