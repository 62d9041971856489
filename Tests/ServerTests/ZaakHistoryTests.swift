import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import QueryAPI
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
            #expect(history.changes.map { "\($0.resource.rawValue) \($0.derived ? "derived" : $0.actie)" } == [
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
