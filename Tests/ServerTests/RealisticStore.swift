import CommandAPI
import Domain
import EventStore
import Foundation
import HummingbirdTesting
import Testing

/// A log with every kind of zaak resource and the cases a rebuild must get right: derived fields (the latest
/// status of a reopened zaak, a status set by a rol, a ZIO of a status), a deelzaak, a deleted zaak, a deleted
/// sub-resource, zaakbesluiten appended by besluit commands (one removed again), a ZIO mirrored in a document's
/// stream, and an archival destruction; and documents in every state the Documenten projector derives (see
/// `documents`).
enum RealisticStore {
    typealias F = ZakenFixture

    /// Fills the store through the APIs; returns the URLs whose answers a rebuild must leave as they are.
    static func fill(_ server: TestServer, _ client: some TestClientProtocol, _ types: ZakenFixture, _ stub: ExternalResourcesStub) async throws -> [String] {
        let zaak = try await created(F.post(client, "zaken", types.zaak(#", "zaakgeometrie": {"type": "Point", "coordinates": [5.12, 52.09]}"#)))
        let rol = try await created(F.post(client, "rollen", rolBody(zaak, types, "m1")))
        let goneRol = try await created(F.post(client, "rollen", rolBody(zaak, types, "m2")))
        let ontvangen = try await created(F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z", "gezetdoor": "\#(rol)"}"#))
        let document = try await D.create(client, types, #", "indicatieGebruiksrecht": false"#)
        _ = try await created(F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)", "status": "\#(ontvangen)"}"#))
        _ = try await created(F.post(client, "zaken/\(zaak.suffix(36))/zaakeigenschappen", #"{"eigenschap": "\#(types.eigenschap)", "waarde": "abc"}"#))
        _ = try await created(F.post(client, "zaakobjecten", #"{"zaak": "\#(zaak)", "objectType": "overige", "objectTypeOverige": "boom", "objectIdentificatie": {"overigeData": {}}}"#))
        _ = try await created(F.post(client, "klantcontacten", #"{"zaak": "\#(zaak)", "datumtijd": "2026-03-02T10:00:00+01:00", "kanaal": "telefoon"}"#))
        let verzoek = stub.put("/verzoeken/api/v1/verzoeken/1", #"{"identificatie": "V1"}"#)
        _ = try await created(F.post(client, "zaakverzoeken", #"{"zaak": "\#(zaak)", "verzoek": "\#(verzoek)"}"#))
        let contactmoment = stub.put("/contactmomenten/api/v1/contactmomenten/1", #"{"kanaal": "telefoon"}"#)
        _ = try await created(F.post(client, "zaakcontactmomenten", #"{"zaak": "\#(zaak)", "contactmoment": "\#(contactmoment)"}"#))
        #expect(try await F.send(client, .delete, goneRol).status == .noContent)
        let besluit = try await created(BesluitenTests.post(client, "besluiten", BesluitenTests.besluit(types, #", "zaak": "\#(zaak)""#)))
        _ = try await created(BesluitenTests.post(client, "besluitinformatieobjecten", #"{"besluit": "\#(besluit)", "informatieobject": "\#(document)"}"#))
        _ = try await created(F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#))
        // Closed, then reopened: the latest status is the third.
        _ = try await created(F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#))
        _ = try await created(F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-06T09:00:00Z"}"#))
        let deelzaak = try await created(F.post(client, "zaken", types.zaak(#", "hoofdzaak": "\#(zaak)""#)))
        #expect(try await F.send(client, .patch, deelzaak, #"{"omschrijving": "deel"}"#).status == .ok)
        _ = try await created(F.post(client, "statussen", #"{"zaak": "\#(deelzaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-02T09:00:00Z"}"#))
        // A besluit moved away from its zaak: its zaakbesluit is removed from the zaak's stream again.
        let other = try await created(F.post(client, "zaken", types.zaak()))
        let moved = try await created(BesluitenTests.post(client, "besluiten", BesluitenTests.besluit(types, #", "zaak": "\#(other)""#)))
        #expect(try await D.send(client, .patch, moved, #"{"zaak": "\#(deelzaak)"}"#).status == .ok)
        let gone = try await created(F.post(client, "zaken", types.zaak()))
        _ = try await created(F.post(client, "zaakobjecten", #"{"zaak": "\#(gone)", "objectType": "overige", "objectTypeOverige": "boom", "objectIdentificatie": {"overigeData": {}}}"#))
        #expect(try await F.send(client, .delete, gone).status == .noContent)
        let destroyed = try await created(F.post(client, "zaken", types.zaak()))
        _ = try await created(F.post(client, "statussen", #"{"zaak": "\#(destroyed)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-02T09:00:00Z"}"#))
        let uuid = try #require(UUID(uuidString: String(destroyed.suffix(36))))
        #expect(try await ZaakDestruction(store: server.store).destroy(uuid, metadata: EventMetadata()) != nil)
        _ = try await created(F.post(client, "zaken", types.zaak(#", "omschrijving": "laatste""#)))

        let documents = try await Self.documents(client, types)

        let expand = "expand=status,resultaat,rollen,eigenschappen,zaakobjecten,zaakinformatieobjecten,deelzaken"
        let lists = ["zaken", "statussen", "rollen", "resultaten", "zaakobjecten", "zaakinformatieobjecten", "klantcontacten", "zaakverzoeken", "zaakcontactmomenten"]
        return [zaak, "\(zaak)?\(expand)", deelzaak, "\(deelzaak)/besluiten", "\(zaak)/besluiten", "\(zaak)/zaakeigenschappen", other, gone, destroyed]
            + lists.map { "\(F.root)/\($0)" }
            + ["\(D.root)/enkelvoudiginformatieobjecten", "\(D.root)/objectinformatieobjecten?informatieobject=\(document)", "/besluiten/api/v1/besluiten"]
            + documents
    }

    /// Documents (the server's upload chunk size must be 1000 bytes): new versions under a lock, with and without
    /// new bytes; gebruiksrechten that amend a version, one removed; a verzending; a large file whose parts were
    /// merged at unlock; one halfway through its upload; one left locked; a deleted one. Returns the URLs to compare.
    static func documents(_ client: some TestClientProtocol, _ types: ZakenFixture) async throws -> [String] {
        let versioned = try await D.create(client, types, #", "inhoud": "\#(D.base64("een"))""#)
        let lock = try await D.lock(client, versioned)
        #expect(try await D.send(client, .patch, versioned, #"{"titel": "Twee", "lock": "\#(lock)", "inhoud": "\#(D.base64("twee"))"}"#).status == .ok)
        #expect(try await D.send(client, .patch, versioned, #"{"auteur": "Bo", "lock": "\#(lock)"}"#).status == .ok)
        #expect(try await D.send(client, .post, versioned + "/unlock", #"{"lock": "\#(lock)"}"#).status == .noContent)
        let recht = #"{"informatieobject": "\#(versioned)", "startdatum": "2026-03-01T00:00:00Z", "omschrijvingVoorwaarden": "geen"}"#
        _ = try await created(D.post(client, "gebruiksrechten", recht))
        #expect(try await D.send(client, .delete, try await created(D.post(client, "gebruiksrechten", recht))).status == .noContent)
        _ = try await created(D.post(client, "verzendingen", #"""
            {"informatieobject": "\#(versioned)", "betrokkene": "https://klanten.example/api/v1/klanten/1", "aardRelatie": "geadresseerde",
             "contactPersoon": "https://medewerkers.example/1", "emailadres": "a@example.nl"}
            """#))
        let bytes = (0..<2500).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let merged = try await uploading(client, types)
        for (index, part) in merged.parts.enumerated() {
            #expect(try await D.upload(client, part, bytes: Array(bytes[(index * 1000)..<min(2500, index * 1000 + 1000)]), lock: merged.lock).status == .ok)
        }
        #expect(try await D.send(client, .post, merged.url + "/unlock", #"{"lock": "\#(merged.lock)"}"#).status == .noContent)
        let halfway = try await uploading(client, types)
        #expect(try await D.upload(client, halfway.parts[0], bytes: Array(bytes[0..<1000]), lock: halfway.lock).status == .ok)
        let locked = try await D.create(client, types)
        _ = try await D.lock(client, locked)
        let deleted = try await D.create(client, types)
        #expect(try await D.send(client, .delete, deleted).status == .noContent)
        return [versioned, "\(versioned)?versie=1", "\(versioned)?versie=2", merged.url, halfway.url, locked, deleted]
            + ["gebruiksrechten", "verzendingen"].map { "\(D.root)/\($0)" }
    }

    /// A document of 2500 bytes to come in three parts: its URL, lock and part URLs.
    static func uploading(_ client: some TestClientProtocol, _ types: ZakenFixture) async throws -> (url: String, lock: String, parts: [String]) {
        let response = try await D.post(client, "enkelvoudiginformatieobjecten", D.document(types, #", "bestandsomvang": 2500, "inhoud": null"#))
        #expect(response.status == .created, "\(String(buffer: response.body))")
        let body = try jsonObject(response)
        let parts = (body["bestandsdelen"]?.array ?? []).compactMap { $0.object?["url"]?.text }
        try #require(parts.count == 3)
        return (try #require(body["url"]?.text), try #require(body["lock"]?.text), parts)
    }

    static func rolBody(_ zaak: String, _ types: ZakenFixture, _ medewerker: String) -> String {
        #"{"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "medewerker", "roltoelichting": "x", "betrokkeneIdentificatie": {"identificatie": "\#(medewerker)"}}"#
    }

    static func created(_ response: TestResponse) throws -> String {
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return try #require(response.headers[.location])
    }

    /// Status, ETag and body (keys sorted) of each URL. A problem's `instance` is new on every answer, and an
    /// expanded zaak's keys come in any order (so does its ETag): those are left out.
    static func answers(_ client: some TestClientProtocol, _ urls: [String]) async throws -> [String] {
        var answers: [String] = []
        for url in urls {
            let response = try await F.get(client, url)
            guard response.status == .ok else {
                answers.append("\(url): \(response.status)")
                continue
            }
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body), options: [.fragmentsAllowed])
            let sorted = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .fragmentsAllowed])
            let tag = url.contains("expand=") ? "" : response.headers[.eTag] ?? ""
            answers.append("\(url): \(response.status) \(tag) \(String(decoding: sorted, as: UTF8.self))")
        }
        return answers
    }
}
