import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

/// The Zaken API's rules that look into the Documenten and Besluiten APIs, and Open Zaak's rules on deelzaken.
@Suite("Zaken API rules across APIs")
struct ZaakCrossAPIRulesTests {
    typealias F = ZakenFixture

    static func close(_ client: some TestClientProtocol, _ fixture: ZakenFixture, _ zaak: String) async throws -> TestResponse {
        if try jsonObject(try await F.get(client, "\(F.root)/resultaten?zaak=\(zaak)"))["count"] == .number(0) {
            #expect(try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(fixture.resultaattype)"}"#).status == .created)
        }
        return try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(fixture.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#)
    }

    @Test("zrc-007 (Open Zaak): a hoofdzaak closes after its deelzaken; a locked document keeps the zaak open; hoofdzaak-closed on reopening a deelzaak")
    func closingRules() async throws {
        try await F.run { _, client, fixture in
            let hoofdzaak = try #require(try await F.post(client, "zaken", fixture.zaak()).headers[.location])
            let deelzaak = try #require(try await F.post(client, "zaken", fixture.zaak(#", "hoofdzaak": "\#(hoofdzaak)""#)).headers[.location])
            #expect(try D.codes(try await Self.close(client, fixture, hoofdzaak)) == ["deelzaken-not-closed"])
            let document = try await D.create(client, fixture, #", "indicatieGebruiksrecht": false"#)
            #expect(try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(deelzaak)", "informatieobject": "\#(document)"}"#).status == .created)
            let lock = try await D.lock(client, document)
            #expect(try D.codes(try await Self.close(client, fixture, deelzaak)) == ["informatieobject-locked"])
            #expect(try await D.send(client, .post, document + "/unlock", #"{"lock": "\#(lock)"}"#).status == .noContent)
            #expect(try await Self.close(client, fixture, deelzaak).status == .created)
            #expect(try await Self.close(client, fixture, hoofdzaak).status == .created)
            let reopen = try await F.post(client, "statussen", #"{"zaak": "\#(deelzaak)", "statustype": "\#(fixture.ontvangen)", "datumStatusGezet": "2026-03-06T09:00:00Z"}"#)
            #expect(try D.codes(reopen) == ["hoofdzaak-closed"])
        }
    }

    @Test("zrc-022: archived only when every document is gearchiveerd; zrc-023 (Open Zaak): related-besluiten keep the zaak")
    func archivingAndBesluiten() async throws {
        try await F.run { _, client, fixture in
            let zaak = try #require(try await F.post(client, "zaken", fixture.zaak(#", "archiefnominatie": "vernietigen", "archiefactiedatum": "2030-01-01""#)).headers[.location])
            let document = try await D.create(client, fixture, #", "status": "definitief""#)
            #expect(try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)"}"#).status == .created)
            let archived = try await F.send(client, .patch, zaak, #"{"archiefstatus": "gearchiveerd"}"#)
            #expect(try D.codes(archived) == ["documents-not-archived"])
            let besluit = try #require(try await BesluitenTests.post(client, "besluiten", BesluitenTests.besluit(fixture, #", "zaak": "\#(zaak)""#)).headers[.location])
            let kept = try await F.send(client, .delete, zaak)
            #expect(try D.codes(kept) == ["related-besluiten"], "\(kept.status) \(String(buffer: kept.body))")
            #expect(try await D.send(client, .delete, besluit).status == .noContent)
            #expect(try await F.send(client, .delete, zaak).status == .noContent)
        }
    }

    @Test("zrc-024/025: zaakverzoeken and zaakcontactmomenten are mirrored in the Verzoeken and Contactmomenten APIs")
    func verzoekenAndContactmomenten() async throws {
        try await ZaakResourcesTests.run { _, client, fixture, stub in
            let zaak = try #require(try await F.post(client, "zaken", fixture.zaak()).headers[.location])
            let verzoek = stub.put("/verzoeken/api/v1/verzoeken/1", #"{"identificatie": "V1"}"#)
            let contactmoment = stub.put("/contactmomenten/api/v1/contactmomenten/1", #"{"kanaal": "telefoon"}"#)
            #expect(try await F.post(client, "zaakverzoeken", #"{"zaak": "\#(zaak)", "verzoek": "\#(verzoek)"}"#).status == .created)
            let posted = try #require(stub.calls.last)
            #expect(posted.hasPrefix("POST /verzoeken/api/v1/objectverzoeken "))
            for part in [#""object":"\#(zaak)""#, #""objectType":"zaak""#, #""verzoek":"\#(verzoek)""#] { #expect(posted.contains(part)) }
            let moment = try await F.post(client, "zaakcontactmomenten", #"{"zaak": "\#(zaak)", "contactmoment": "\#(contactmoment)"}"#)
            #expect(moment.status == .created)
            #expect(stub.calls.last?.hasPrefix("POST /contactmomenten/api/v1/objectcontactmomenten") == true)
            stub.refusePosts(.badRequest)
            let refused = try await F.post(client, "zaakverzoeken", #"{"zaak": "\#(zaak)", "verzoek": "\#(stub.put("/verzoeken/api/v1/verzoeken/2", "{}"))"}"#)
            #expect(try D.codes(refused) == ["remote-relation-failed"])
            #expect(try ZaakResourcesTests.array(try await F.get(client, "\(F.root)/zaakverzoeken?zaak=\(zaak)")).count == 1)
        }
    }
}
