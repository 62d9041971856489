import Domain
import Foundation
import HTTPTypes
import QueryAPI
import Testing
import ZGWHTTP

@Suite("History of documents and besluiten (auditor's toolset)")
struct DocumentHistoryTests {
    typealias F = ZakenFixture

    @Test("history of a document: its versions, lock, gebruiksrechten and delete, with the fields old → new; of a besluit by identificatie")
    func documentAndBesluitHistory() async throws {
        try await F.run { server, client, fixture in
            let url = try await D.create(client, fixture)
            let lock = try await D.lock(client, url)
            #expect(try await D.send(client, .patch, url, #"{"titel": "Twee", "lock": "\#(lock)"}"#).status == .ok)
            #expect(try await D.send(client, .post, url + "/unlock", #"{"lock": "\#(lock)"}"#).status == .noContent)
            #expect(try await D.post(client, "gebruiksrechten", #"{"informatieobject": "\#(url)", "startdatum": "2026-03-01T00:00:00Z", "omschrijvingVoorwaarden": "geen"}"#).status == .created)
            let uuid = String(url.split(separator: "/").last!)
            let (_, history) = try #require(try await StreamHistory.load(
                uuid, category: DocumentResource.streamCategory, createdType: DocumentResource.enkelvoudiginformatieobject.created, store: server.store))
            let changes = history.changes
            #expect(changes.map { "\($0.resource) \($0.derived ? "derived" : $0.actie)" } == [
                "enkelvoudiginformatieobject create", "enkelvoudiginformatieobject lock", "enkelvoudiginformatieobject partial_update",
                "enkelvoudiginformatieobject unlock", "gebruiksrechten create", "enkelvoudiginformatieobject derived",
            ])
            let patch = changes[2]
            #expect(patch.fields.contains(StreamHistory.FieldChange(name: "titel", old: .string("Aanvraag"), new: .string("Twee"))))
            #expect(patch.fields.contains(StreamHistory.FieldChange(name: "versie", old: .number(1), new: .number(2))))

            let besluit = try await BesluitenTests.post(client, "besluiten", BesluitenTests.besluit(fixture))
            let identificatie = try #require(try jsonObject(besluit)["identificatie"]?.text)
            let found = try await StreamHistory.load(identificatie, category: BesluitResource.streamCategory, createdType: BesluitResource.besluit.created, store: server.store)
            #expect(found?.history.changes.map(\.actie) == ["create"])
        }
    }
}
