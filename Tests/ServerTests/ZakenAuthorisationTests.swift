import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

/// zrc-006 for every way to read zaken: lists, `_zoek`, `expand` and their counts show a limited client only
/// zaken of its zaaktypen up to its maximum vertrouwelijkheid; details outside that are a 403.
@Suite("Zaken API: authorisation filtering everywhere")
struct ZakenAuthorisationTests {
    typealias F = ZakenFixture

    @Test("zrc-006: lists of zaken and of every resource under them, _zoek, expand and counts hold only what a limited client may see")
    func limitedClientSeesOnlyItsZaken() async throws {
        try await F.run { server, client, types in
            // A second published zaaktype the client has no autorisatie for.
            let other = try #require(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: types.catalogus, extra: #", "identificatie": "ANDER""#)).headers[.location])
            let otherStatus = try #require(try await ZaakTypeSubTypesTests.post(client, "statustypen", #"{"zaaktype": "\#(other)", "omschrijving": "Ontvangen", "volgnummer": 1}"#).headers[.location])
            _ = try await ZaakTypeSubTypesTests.post(client, "statustypen", #"{"zaaktype": "\#(other)", "omschrijving": "Klaar", "volgnummer": 2}"#)
            #expect(try await client.execute(uri: ZaakTypenTests.path(other) + "/publish", method: .post, headers: bearer(F.token)).status == .ok)

            let visible = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let secret = try #require(try await F.post(client, "zaken", types.zaak(#", "vertrouwelijkheidaanduiding": "geheim""#)).headers[.location])
            let foreign = try #require(try await F.post(client, "zaken", types.zaak().replacingOccurrences(of: types.zaaktype, with: other)).headers[.location])
            // A deelzaak the client may see, of a hoofdzaak it may not.
            let deelzaak = try #require(try await F.post(client, "zaken", types.zaak(#", "hoofdzaak": "\#(foreign)""#)).headers[.location])
            for (zaak, statustype) in [(visible, types.ontvangen), (secret, types.ontvangen), (foreign, otherStatus)] {
                #expect(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(statustype)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#).status == .created)
                #expect(try await F.post(client, "zaakobjecten", #"{"zaak": "\#(zaak)", "objectType": "overige", "objectTypeOverige": "boom", "objectIdentificatie": {"overigeData": {"soort": "eik"}}}"#).status == .created)
                #expect(try await F.post(client, "klantcontacten", #"{"zaak": "\#(zaak)", "datumtijd": "2026-03-02T10:00:00Z"}"#).status == .created)
            }
            try await server.addClient("beperkt", secret: "b", all: false, autorisaties: [
                Autorisatie(component: .zrc, scopes: ["zaken.lezen"], zaaktype: types.zaaktype, maxVertrouwelijkheidaanduiding: .zaakvertrouwelijk)
            ])
            let limited = ZGWToken.make(clientID: "beperkt", secret: "b")
            func count(_ response: TestResponse) throws -> JSONValue? { try jsonObject(response)["count"] }

            #expect(try count(try await F.get(client, "\(F.root)/zaken", token: limited)) == .number(2))
            #expect(try count(try await F.get(client, "\(F.root)/zaken", token: F.token)) == .number(4))
            #expect(try count(try await F.post(client, "zaken/_zoek", "{}", token: limited)) == .number(2))
            #expect(try count(try await F.post(client, "zaken/_zoek", #"{"zaaktype": "\#(other)"}"#, token: limited)) == .number(0))
            for collection in ["statussen", "zaakobjecten", "klantcontacten"] {
                let response = try await F.get(client, "\(F.root)/\(collection)", token: limited)
                #expect(try count(response) == .number(1), "\(collection)")
                let all = try await F.get(client, "\(F.root)/\(collection)?zaak=\(secret)", token: limited)
                #expect(try count(all) == .number(0), "\(collection) of the secret zaak")
            }
            #expect(try await F.get(client, secret, token: limited).status == .forbidden)
            #expect(try await F.get(client, foreign, token: limited).status == .forbidden)
            #expect(try await F.get(client, "\(foreign)/zaakeigenschappen", token: limited).status == .forbidden)
            let status = try #require(try jsonObject(try await F.get(client, foreign))["status"].flatMap { if case .string(let s) = $0 { s } else { nil } })
            #expect(try await F.get(client, status, token: limited).status == .forbidden)

            // Expansions are authorised too: the hoofdzaak of another zaaktype is left out.
            let expanded = try jsonObject(try await F.get(client, deelzaak + "?expand=hoofdzaak,status", token: limited))
            guard case .object(let expand)? = expanded["_expand"] else { Issue.record("no _expand"); return }
            #expect(expand["hoofdzaak"] == .null)
            let byAll = try jsonObject(try await F.get(client, deelzaak + "?expand=hoofdzaak"))
            guard case .object(let all)? = byAll["_expand"], case .object? = all["hoofdzaak"] else { Issue.record("superuser sees the hoofdzaak"); return }
            let listed = try jsonObject(try await F.get(client, "\(F.root)/zaken?expand=hoofdzaak", token: limited))
            #expect(listed["count"] == .number(2))
        }
    }
}
