import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

@Suite("Documenten API: informatieobjecten, versions, locks, content")
struct DocumentenTests {
    typealias F = ZakenFixture

    @Test("drc-001: the informatieobjecttype must resolve and be published")
    func informatieobjecttypeResolvesAndIsPublished() async throws {
        try await F.run { _, client, fixture in
            let unknown = try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture).replacingOccurrences(
                of: fixture.iot, with: "http://testserver/catalogi/api/v1/informatieobjecttypen/\(UUID().uuidString.lowercased())"))
            #expect(unknown.status == .badRequest)
            #expect(try D.codes(unknown) == ["bad-url"])
            let concept = try await BesluitTypenTests.iot(client, catalogus: fixture.catalogus, omschrijving: "Concept")
            let unpublished = try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture).replacingOccurrences(of: fixture.iot, with: concept))
            #expect(try D.codes(unpublished) == ["not-published"])
            let list = try await D.send(client, .get, "\(D.root)/enkelvoudiginformatieobjecten")
            #expect(try jsonObject(list)["count"] == .number(0))
        }
    }

    @Test("base64 inhoud is stored, served as a download URL and downloaded byte for byte; drc-007 vertrouwelijkheid from the type")
    func inhoudRoundTrip() async throws {
        try await F.run { _, client, fixture in
            let created = try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture, #", "inhoud": "\#(D.base64("hallo wereld"))", "bestandsnaam": "a.txt""#))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            try expectConforms(created, to: "EnkelvoudigInformatieObject", in: D.spec)
            let document = try jsonObject(created)
            #expect(document["versie"] == .number(1))
            #expect(document["bestandsomvang"] == .number(12))
            #expect(document["locked"] == .bool(false))
            #expect(document["vertrouwelijkheidaanduiding"] == .string("openbaar"))
            #expect(document["identificatie"]?.text?.hasPrefix("DOCUMENT-2026-") == true)
            let url = try #require(document["url"]?.text)
            #expect(document["inhoud"] == .string(url + "/download?versie=1"))
            let download = try await D.send(client, .get, url + "/download")
            #expect(download.status == .ok)
            #expect(String(buffer: download.body) == "hallo wereld")
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"a.txt\"")
            let invalid = try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture, #", "inhoud": "!!niet base64!!""#))
            #expect(invalid.status == .badRequest)
            #expect(try jsonObject(invalid)["invalidParams"]?.array?.first?.object?["name"] == .string("inhoud"))
            let mismatch = try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture, #", "inhoud": "\#(D.base64("abc"))", "bestandsomvang": 5"#))
            #expect(try D.codes(mismatch) == ["file-size"])
        }
    }

    @Test("drc-009/010: updates need the current lock; each one is a new version, retrievable by versie and registratieOp")
    func lockingAndVersions() async throws {
        try await F.run { _, client, fixture in
            let url = try await D.create(client, fixture, #", "inhoud": "\#(D.base64("versie een"))""#)
            let missing = try await D.send(client, .patch, url, #"{"titel": "Nieuw"}"#)
            #expect(try D.codes(missing) == ["unlocked"], "an unlocked document is unlocked first, as in the reference")
            let unlocked = try await D.send(client, .patch, url, #"{"titel": "Nieuw", "lock": "abc"}"#)
            #expect(try D.codes(unlocked) == ["unlocked"])
            let lock = try await D.lock(client, url)
            #expect(try D.codes(try await D.send(client, .post, url + "/lock")) == ["existing-lock"])
            let wrong = try await D.send(client, .patch, url, #"{"titel": "Nieuw", "lock": "abc"}"#)
            #expect(try D.codes(wrong) == ["incorrect-lock-id"])
            let before = ZGWDateTime.format(Date())
            try await Task.sleep(for: .milliseconds(20))
            let patched = try await D.send(client, .patch, url, #"{"titel": "Nieuw", "lock": "\#(lock)", "inhoud": "\#(D.base64("versie twee"))"}"#)
            #expect(patched.status == .ok, "\(String(buffer: patched.body))")
            #expect(try jsonObject(patched)["versie"] == .number(2))
            #expect(try jsonObject(patched)["locked"] == .bool(true))
            #expect(try jsonObject(try await D.send(client, .get, url + "?versie=1"))["titel"] == .string("Aanvraag"))
            #expect(try jsonObject(try await D.send(client, .get, url + "?registratieOp=\(before)"))["versie"] == .number(1))
            #expect(try jsonObject(try await D.send(client, .get, url))["titel"] == .string("Nieuw"))
            #expect(String(buffer: try await D.send(client, .get, url + "/download?versie=1").body) == "versie een")
            #expect(String(buffer: try await D.send(client, .get, url + "/download").body) == "versie twee")
            #expect(try await D.send(client, .get, url + "?versie=3").status == .notFound)
            #expect(try await D.send(client, .post, url + "/unlock", #"{"lock": "\#(lock)"}"#).status == .noContent)
            #expect(try jsonObject(try await D.send(client, .get, url))["locked"] == .bool(false))
        }
    }

    @Test("drc-010: a forced unlock needs documenten.geforceerd-unlock")
    func forcedUnlock() async throws {
        try await F.run { server, client, fixture in
            let url = try await D.create(client, fixture)
            _ = try await D.lock(client, url)
            try await server.addClient("locker", secret: "l", all: false, autorisaties: [
                Autorisatie(component: .drc, scopes: ["documenten.lock"], informatieobjecttype: fixture.iot, maxVertrouwelijkheidaanduiding: .zeerGeheim)
            ])
            try await server.addClient("forcer", secret: "f", all: false, autorisaties: [
                Autorisatie(component: .drc, scopes: ["documenten.geforceerd-unlock"], informatieobjecttype: fixture.iot, maxVertrouwelijkheidaanduiding: .zeerGeheim)
            ])
            let locker = ZGWToken.make(clientID: "locker", secret: "l"), forcer = ZGWToken.make(clientID: "forcer", secret: "f")
            #expect(try D.codes(try await D.send(client, .post, url + "/unlock", "{}", token: locker)) == ["incorrect-lock-id"])
            #expect(try await D.send(client, .post, url + "/unlock", "{}", token: forcer).status == .noContent)
            #expect(try jsonObject(try await D.send(client, .get, url))["locked"] == .bool(false))
        }
    }

    @Test("drc-005: a received document is not in_bewerking or ter_vaststelling")
    func receivedStatus() async throws {
        try await F.run { _, client, fixture in
            let response = try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture, #", "ontvangstdatum": "2026-03-02", "status": "in_bewerking""#))
            #expect(try D.codes(response) == ["invalid_for_received"])
            #expect(try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture, #", "ontvangstdatum": "2026-03-02", "status": "definitief""#)).status == .created)
        }
    }

    @Test("drc-006: gebruiksrechten set indicatieGebruiksrecht (without a new version); the last one gone makes it null again")
    func gebruiksrechten() async throws {
        try await F.run { _, client, fixture in
            let refused = try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture, #", "indicatieGebruiksrecht": true"#))
            #expect(try D.codes(refused) == ["missing-gebruiksrechten"])
            let url = try await D.create(client, fixture)
            let recht = try await D.post(client, "gebruiksrechten", #"{"informatieobject": "\#(url)", "startdatum": "2026-03-01T00:00:00Z", "omschrijvingVoorwaarden": "geen"}"#)
            #expect(recht.status == .created, "\(String(buffer: recht.body))")
            try expectConforms(recht, to: "Gebruiksrechten", in: D.spec)
            var document = try jsonObject(try await D.send(client, .get, url))
            #expect(document["indicatieGebruiksrecht"] == .bool(true))
            #expect(document["versie"] == .number(1))
            let list = try await D.send(client, .get, "\(D.root)/gebruiksrechten?informatieobject=\(url)&startdatum__lte=2026-03-02T00:00:00Z")
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(buffer: list.body)).array?.count == 1)
            #expect(try await D.send(client, .delete, try #require(recht.headers[.location])).status == .noContent)
            document = try jsonObject(try await D.send(client, .get, url))
            #expect(document["indicatieGebruiksrecht"] == .null)
        }
    }

    @Test("zrc-005 / drc-008: a zaakinformatieobject creates the objectinformatieobject atomically; the document cannot go while it exists")
    func mirroredRelations() async throws {
        try await F.run { _, client, fixture in
            let document = try await D.create(client, fixture)
            let zaak = try #require(try await F.post(client, "zaken", fixture.zaak()).headers[.location])
            let zio = try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)"}"#)
            #expect(zio.status == .created, "\(String(buffer: zio.body))")
            let oios = try await D.send(client, .get, "\(D.root)/objectinformatieobjecten?informatieobject=\(document)")
            let items = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: oios.body)).array ?? []
            #expect(items.count == 1)
            #expect(items.first?.object?["object"] == .string(zaak))
            #expect(items.first?.object?["objectType"] == .string("zaak"))
            // drc-003: the pair exists already; drc-004: it cannot go while the zaak holds it.
            let duplicate = try await D.post(client, "objectinformatieobjecten", #"{"informatieobject": "\#(document)", "object": "\#(zaak)", "objectType": "zaak"}"#)
            #expect(try D.codes(duplicate) == ["unique"])
            let oio = try #require(items.first?.object?["url"]?.text)
            #expect(try D.codes(try await D.send(client, .delete, oio)) == ["inconsistent-relation"])
            #expect(try D.codes(try await D.send(client, .delete, document)) == ["pending-relations"])
            // The zaakinformatieobject gone, its mirror goes with it, and then the document may go.
            #expect(try await F.send(client, .delete, try #require(zio.headers[.location])).status == .noContent)
            #expect(try await D.send(client, .get, oio).status == .notFound)
            #expect(try await D.send(client, .delete, document).status == .noContent)
            #expect(try await D.send(client, .get, document).status == .notFound)
        }
    }

    @Test("drc-002: an objectinformatieobject for a relation the Zaken API does not hold is inconsistent-relation")
    func inconsistentRelation() async throws {
        try await F.run { _, client, fixture in
            let document = try await D.create(client, fixture)
            let zaak = try #require(try await F.post(client, "zaken", fixture.zaak()).headers[.location])
            let response = try await D.post(client, "objectinformatieobjecten", #"{"informatieobject": "\#(document)", "object": "\#(zaak)", "objectType": "zaak"}"#)
            #expect(try D.codes(response) == ["inconsistent-relation"])
            let unknown = try await D.post(client, "objectinformatieobjecten", #"{"informatieobject": "\#(document)", "object": "http://testserver/zaken/api/v1/zaken/\#(UUID().uuidString.lowercased())", "objectType": "zaak"}"#)
            #expect(try D.codes(unknown) == ["bad-url"])
        }
    }

    @Test("bestandsdelen: a large document arrives in parts of exactly omvang bytes; unlock refuses an incomplete upload and merges a complete one")
    func bestandsdelen() async throws {
        try await F.run(uploadChunkSize: 1000) { _, client, fixture in
            let created = try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture, #", "bestandsomvang": 2500, "inhoud": null"#))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let body = try jsonObject(created)
            let lock = try #require(body["lock"]?.text)
            #expect(body["locked"] == .bool(true))
            #expect(body["inhoud"] == .null)
            let parts = (body["bestandsdelen"]?.array ?? []).compactMap { $0.object }
            try #require(parts.count == 3)
            #expect(parts.map { $0["omvang"] } == [.number(1000), .number(1000), .number(500)])
            let url = try #require(body["url"]?.text)
            let bytes = (0..<2500).map { UInt8(truncatingIfNeeded: $0 * 7) }
            let first = try #require(parts[0]["url"]?.text), second = try #require(parts[1]["url"]?.text), third = try #require(parts[2]["url"]?.text)
            // A part of the wrong size, or with a wrong lock, changes nothing.
            #expect(try D.codes(try await D.upload(client, first, bytes: Array(bytes[0..<999]), lock: lock)) == ["file-size"])
            #expect(try D.codes(try await D.upload(client, first, bytes: Array(bytes[0..<1000]), lock: "abc")) == ["incorrect-lock-id"])
            let uploaded = try await D.upload(client, first, bytes: Array(bytes[0..<1000]), lock: lock)
            #expect(uploaded.status == .ok, "\(String(buffer: uploaded.body))")
            #expect(try jsonObject(uploaded)["voltooid"] == .bool(true))
            #expect(try await D.upload(client, third, bytes: Array(bytes[2000..<2500]), lock: lock).status == .ok)
            // Aborted halfway: no document content is visible, and unlock says the upload is incomplete.
            #expect(try D.codes(try await D.send(client, .post, url + "/unlock", #"{"lock": "\#(lock)"}"#)) == ["incomplete-upload"])
            #expect(try await D.send(client, .get, url + "/download").status == .notFound)
            #expect(try await D.upload(client, second, bytes: Array(bytes[1000..<2000]), lock: lock).status == .ok)
            #expect(try await D.send(client, .post, url + "/unlock", #"{"lock": "\#(lock)"}"#).status == .noContent)
            let download = try await D.send(client, .get, url + "/download")
            #expect(Array(buffer: download.body) == bytes)
            let document = try jsonObject(try await D.send(client, .get, url))
            #expect(document["bestandsdelen"] == .array([]))
            #expect(document["inhoud"] == .string(url + "/download?versie=1"))
            #expect(try await D.upload(client, first, bytes: Array(bytes[0..<1000]), lock: lock).status == .notFound)

            // A file within one part: its bytes become the document's as they are.
            let small = try jsonObject(try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture, #", "bestandsomvang": 700, "inhoud": null"#)))
            let smallLock = try #require(small["lock"]?.text), smallURL = try #require(small["url"]?.text)
            let part = try #require(small["bestandsdelen"]?.array?.first?.object?["url"]?.text)
            #expect(try await D.upload(client, part, bytes: Array(bytes[0..<700]), lock: smallLock).status == .ok)
            #expect(try await D.send(client, .post, smallURL + "/unlock", #"{"lock": "\#(smallLock)"}"#).status == .noContent)
            #expect(Array(buffer: try await D.send(client, .get, smallURL + "/download").body) == Array(bytes[0..<700]))
        }
    }

    @Test("drc-009: concurrent PATCHes with the same lock each make a version; none is lost")
    func concurrentPatches() async throws {
        try await F.run { _, client, fixture in
            let url = try await D.create(client, fixture)
            let lock = try await D.lock(client, url)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<10 {
                    group.addTask { try await D.send(client, .patch, url, #"{"beschrijving": "wijziging \#(index)", "lock": "\#(lock)"}"#).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok })
            #expect(try jsonObject(try await D.send(client, .get, url))["versie"] == .number(11))
        }
    }

    @Test("verzendingen: exactly one address variant")
    func verzendingAddress() async throws {
        try await F.run { _, client, fixture in
            let url = try await D.create(client, fixture)
            let base = #""informatieobject": "\#(url)", "betrokkene": "https://klanten.example/api/v1/klanten/1", "aardRelatie": "geadresseerde", "contactPersoon": "https://medewerkers.example/1""#
            let none = try await D.post(client, "verzendingen", "{\(base)}")
            #expect(try D.codes(none) == ["invalid-address"])
            let two = try await D.post(client, "verzendingen", #"{\#(base), "emailadres": "a@example.nl", "faxnummer": "0101234567"}"#)
            #expect(try D.codes(two) == ["invalid-address"])
            let one = try await D.post(client, "verzendingen", #"{\#(base), "emailadres": "a@example.nl"}"#)
            #expect(one.status == .created, "\(String(buffer: one.body))")
            try expectConforms(one, to: "Verzending", in: D.spec)
            let list = try await D.send(client, .get, "\(D.root)/verzendingen?aardRelatie=geadresseerde")
            try expectConforms(list, to: "PaginatedVerzendingList", in: D.spec)
            #expect(try jsonObject(list)["count"] == .number(1))
        }
    }

    @Test("drc authorisation: lists, _zoek and details show a limited client only documents of its informatieobjecttypen")
    func limitedClient() async throws {
        try await F.run { server, client, fixture in
            let mine = try await D.create(client, fixture)
            let other = try await D.create(client, fixture)
            let foreign = try #require(try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture).replacingOccurrences(of: fixture.iot, with: fixture.otherIOT)).headers[.location])
            try await server.addClient("lezer", secret: "l", all: false, autorisaties: [
                Autorisatie(component: .drc, scopes: ["documenten.lezen"], informatieobjecttype: fixture.iot, maxVertrouwelijkheidaanduiding: .openbaar)
            ])
            let reader = ZGWToken.make(clientID: "lezer", secret: "l")
            let list = try await D.send(client, .get, "\(D.root)/enkelvoudiginformatieobjecten", token: reader)
            try expectConforms(list, to: "PaginatedEnkelvoudigInformatieObjectList", in: D.spec)
            #expect(try jsonObject(list)["count"] == .number(2))
            let uuids = [mine, other, foreign].map { String($0.split(separator: "/").last!) }
            let search = try await D.post(client, "enkelvoudiginformatieobjecten/_zoek", #"{"uuid__in": ["\#(uuids.joined(separator: "\", \""))"]}"#, token: reader)
            #expect(try jsonObject(search)["count"] == .number(2))
            #expect(try await D.send(client, .get, foreign, token: reader).status == .forbidden)
            #expect(try await D.send(client, .get, foreign + "/download", token: reader).status == .forbidden)
            #expect(try await D.send(client, .get, mine, token: reader).status == .ok)
            // The resources under documents follow their document, in lists and details.
            let recht = #"{"informatieobject": "%@", "startdatum": "2026-03-01T00:00:00Z", "omschrijvingVoorwaarden": "geen"}"#
            let verzending = #"{"informatieobject": "%@", "betrokkene": "https://klanten.example/1", "aardRelatie": "afzender", "contactPersoon": "https://medewerkers.example/1", "emailadres": "a@example.nl"}"#
            var foreignResources: [String] = []
            for document in [mine, foreign] {
                #expect(try await D.post(client, "gebruiksrechten", recht.replacingOccurrences(of: "%@", with: document)).status == .created)
                let sent = try await D.post(client, "verzendingen", verzending.replacingOccurrences(of: "%@", with: document))
                #expect(sent.status == .created)
                if document == foreign { foreignResources.append(try #require(sent.headers[.location])) }
            }
            let rechten = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: try await D.send(client, .get, "\(D.root)/gebruiksrechten?expand=informatieobject", token: reader).body)).array ?? []
            #expect(rechten.count == 1)
            #expect(rechten.first?.object?["_expand"]?.object?["informatieobject"]?.object?["url"] == .string(mine))
            #expect(try jsonObject(try await D.send(client, .get, "\(D.root)/verzendingen", token: reader))["count"] == .number(1))
            #expect(try await D.send(client, .get, foreignResources[0], token: reader).status == .forbidden)
        }
    }

    @Test("audittrail: every version of a document with who made it")
    func auditTrail() async throws {
        try await F.run { _, client, fixture in
            let url = try await D.create(client, fixture)
            let lock = try await D.lock(client, url)
            #expect(try await D.send(client, .patch, url, #"{"titel": "Twee", "lock": "\#(lock)"}"#).status == .ok)
            let trail = try await D.send(client, .get, url + "/audittrail")
            let records = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: trail.body)).array ?? []
            #expect(records.compactMap { $0.object?["actie"]?.text } == ["create", "partial_update"])
            #expect(records.last?.object?["wijzigingen"]?.object?["nieuw"]?.object?["titel"] == .string("Twee"))
        }
    }
}
