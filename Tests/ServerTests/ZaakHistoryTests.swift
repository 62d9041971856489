import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import CommandAPI
import EventStore
import Projections
import QueryAPI
import TestSupport
import Testing
import ZGWHTTP

@Suite("Auditor: history of a zaak and the zaak as of an instant")
struct ZaakHistoryTests {
    typealias F = ZakenFixture

    @Test("as of any instant the zaak and what is under it are exactly what the API answered then; the history lists every change, also after delete")
    func historyAndAsOf() async throws {
        try await F.run { server, client, types in
            func live(_ url: String) async throws -> JSONValue { .object(try jsonObject(try await F.get(client, url))) }
            func asOf(_ zaak: String, _ instant: Date) async throws -> TestResponse {
                try await F.get(client, "\(zaak)/x-historie?at=\(ZGWDateTime.format(instant))")
            }
            var snapshots: [(Date, JSONValue, JSONValue)] = []  // instant, zaak, its statussen list
            func snapshot(_ zaak: String) async throws {
                let statussen = try jsonObject(try await F.get(client, "\(F.root)/statussen?zaak=\(zaak)"))["results"] ?? .array([])
                snapshots.append((Date(), try await live(zaak), statussen))
            }
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            try await snapshot(zaak)
            #expect(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#).status == .created)
            try await snapshot(zaak)
            let rol = try await F.post(client, "rollen", #"{"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "medewerker", "roltoelichting": "x", "betrokkeneIdentificatie": {"identificatie": "m1"}}"#)
            #expect(rol.status == .created)
            var headers = F.headers()
            headers[HTTPField.Name("X-Audit-Toelichting")!] = "Omschrijving aangevuld"
            #expect(try await client.execute(uri: ZaakTypenTests.path(zaak), method: .patch, headers: headers, body: ByteBuffer(string: #"{"omschrijving": "Dakkapel"}"#)).status == .ok)
            try await snapshot(zaak)
            #expect(try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#).status == .created)
            #expect(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#).status == .created)
            try await snapshot(zaak)
            #expect(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-06T09:00:00Z"}"#).status == .created)
            try await snapshot(zaak)
            #expect(try await F.send(client, .delete, zaak).status == .noContent)
            let afterDelete = Date()

            for (instant, zaakThen, statussenThen) in snapshots {
                let response = try await asOf(zaak, instant)
                #expect(response.status == .ok)
                let view = try jsonObject(response)
                #expect(view["zaak"] == zaakThen, "zaak as of \(ZGWDateTime.format(instant))")
                #expect(view["statussen"] == statussenThen, "statussen as of \(ZGWDateTime.format(instant))")
            }
            #expect(try await asOf(zaak, afterDelete).status == .notFound)
            #expect(try await asOf(zaak, Date(timeIntervalSince1970: 0)).status == .notFound)

            let history = try #require(try await ZaakHistory.load(String(zaak.suffix(36)), store: server.store))
            #expect(history.changes.map { "\($0.resource) \($0.derived ? "derived" : $0.actie)" } == [
                "zaak create", "status create", "rol create", "zaak partial_update", "resultaat create", "status create", "zaak derived",
                "status create", "zaak derived", "zaak destroy",
            ])
            let patch = history.changes[3]
            #expect(patch.fields == [ZaakHistory.FieldChange(name: "omschrijving", old: .string(""), new: .string("Dakkapel"))])
            #expect(patch.event.metadata.toelichting == "Omschrijving aangevuld")
            #expect(patch.event.metadata.clientID == "beheer")
            #expect(history.deletedAt != nil)
            let identificatie = try #require(history.lastKnownZaak?["identificatie"].flatMap { if case .string(let s) = $0 { s } else { nil } })
            #expect(try await ZaakHistory.load(identificatie, store: server.store)?.zaak == history.zaak)
        }
    }
}

@Suite("Auditor: archival destruction")
struct ZaakDestructionTests {
    typealias F = ZakenFixture

    @Test("destruction removes a zaak's payloads and read models, records who and why, keeps verify green and the log otherwise immutable; due finds zaken past their archiefactiedatum")
    func destruction() async throws {
        try await F.run { server, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let status = try #require(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#).headers[.location])
            #expect(try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#).status == .created)
            #expect(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#).status == .created)
            let other = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let uuid = try #require(UUID(uuidString: String(zaak.suffix(36))))

            let destruction = ZaakDestruction(store: server.store)
            #expect(try await destruction.due(on: ZGWDate("2027-03-04")!) == [])
            #expect(try await destruction.due(on: ZGWDate("2027-03-05")!) == [uuid])

            let removed = try await destruction.destroy(uuid, metadata: EventMetadata(clientID: "cli", toelichting: "archiefactiedatum verstreken", actie: "destroy"))
            #expect(removed == 5, "zaak, 2 statussen, resultaat, and the einddatum the end status derived")
            #expect(try await F.get(client, zaak).status == .notFound)
            #expect(try await F.get(client, status).status == .notFound)
            #expect(try await F.get(client, other).status == .ok)
            #expect(try await F.get(client, zaak + "/audittrail").status == .notFound)
            #expect(try await F.get(client, zaak + "/x-historie").status == .notFound)
            let head = try await server.store.headPosition()
            #expect(try await server.store.verify(from: 1, to: nil) == ChainVerification.intact(events: head, lastPosition: head))

            let events = try await server.store.readStream("zaak-\(uuid.lowercased)")
            #expect(events.dropLast().allSatisfy { $0.data == "null" })
            #expect(events.last?.type == "zaak.destroyed")
            let history = try #require(try await ZaakHistory.load(uuid.uuidString, store: server.store))
            #expect(history.changes.dropLast().allSatisfy { $0.payloadDestroyed })
            #expect(history.destruction?.metadata.toelichting == "archiefactiedatum verstreken")

            // Outside a destruction, the log stays append-only; payloads of other zaken were not touched.
            await #expect(throws: (any Error).self) {
                try await server.store.client.query("UPDATE es.events SET data = NULL WHERE position = 1")
            }
            #expect(try await server.store.readStream("zaak-\(String(other.suffix(36)))").allSatisfy { $0.data != "null" })
            try await withTestDatabase(migrations: ReadModels.migrations) { rebuilt in
                _ = try await ProjectionCheck.replay(from: server.store, into: rebuilt, projectors: ReadModels.projectors, logger: server.store.logger)
                #expect(try await ProjectionCheck.compare(live: server.store.client, rebuilt: rebuilt, logger: server.store.logger).isEmpty)
            }
        }
    }
}
