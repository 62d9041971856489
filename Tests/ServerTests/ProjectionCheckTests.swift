import Domain
import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Projections
import Testing
import TestSupport
import ZGWHTTP

@Suite("Auditor: read models rebuilt from the log equal the inline ones")
struct ProjectionCheckTests {
    typealias F = ZakenFixture

    @Test("rebuild equals inline: Catalogi, applicaties and zaken (created, closed, reopened, deleted, with deelzaken) replayed into a fresh database compare equal, and a tampered row is reported")
    func rebuildEqualsInline() async throws {
        try await F.run { server, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let deelzaak = try #require(try await F.post(client, "zaken", types.zaak(#", "hoofdzaak": "\#(zaak)""#)).headers[.location])
            _ = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#)
            _ = try await F.post(client, "rollen", #"{"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "medewerker", "roltoelichting": "x", "betrokkeneIdentificatie": {"identificatie": "m1"}}"#)
            _ = try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#)
            _ = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#)
            _ = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-06T09:00:00Z"}"#)
            _ = try await F.post(client, "zaken/\(zaak.suffix(36))/zaakeigenschappen", #"{"eigenschap": "\#(types.eigenschap)", "waarde": "abc"}"#)
            let gone = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            _ = try await F.post(client, "zaakobjecten", #"{"zaak": "\#(gone)", "objectType": "overige", "objectTypeOverige": "boom", "objectIdentificatie": {"overigeData": {}}}"#)
            #expect(try await F.send(client, .delete, gone).status == .noContent)
            #expect(try await F.send(client, .patch, deelzaak, #"{"omschrijving": "deel"}"#).status == .ok)

            try await withTestDatabase(migrations: ReadModels.migrations) { rebuilt in
                let events = try await ProjectionCheck.replay(from: server.store, into: rebuilt, projectors: ReadModels.projectors, batchSize: 7, logger: server.store.logger)
                #expect(events == Int(try await server.store.headPosition()))
                let differences = try await ProjectionCheck.compare(live: server.store.client, rebuilt: rebuilt, logger: server.store.logger)
                #expect(differences.isEmpty, "\(differences)")

                // A read model that drifted from the log is found.
                try await rebuilt.query("UPDATE zaken.zaken SET representation = representation || '{\"omschrijving\": \"vervalst\"}'")
                let drifted = try await ProjectionCheck.compare(live: server.store.client, rebuilt: rebuilt, logger: server.store.logger)
                #expect(drifted.count == 4)
                #expect(drifted.allSatisfy { $0.table == "zaken.zaken" })
            }
        }
    }

    @Test("rebuild in place: every read model deleted and replayed in one transaction; the API answers exactly as before")
    func rebuildInPlace() async throws {
        try await F.run { server, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            _ = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#)
            _ = try await F.post(client, "zaken", types.zaak(#", "hoofdzaak": "\#(zaak)""#))
            func answers() async throws -> [String] {
                var bodies: [String] = []
                for url in [zaak, "\(F.root)/zaken", "\(F.root)/statussen", "/catalogi/api/v1/zaaktypen", "/autorisaties/api/v1/applicaties"] {
                    let response = try await F.get(client, url)
                    bodies.append("\(response.status) \(response.headers[.eTag] ?? "") \(String(buffer: response.body))")
                }
                return bodies
            }
            let before = try await answers()
            let events = try await ProjectionRebuild.inPlace(store: server.store, projectors: ReadModels.projectors, batchSize: 5, logger: server.store.logger)
            #expect(events == Int(try await server.store.headPosition()))
            let after = try await answers()
            #expect(before.map { String($0.prefix(3)) } == Array(repeating: "200", count: 5))
            #expect(before == after)
        }
    }
}
