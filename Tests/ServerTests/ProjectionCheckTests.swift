import Domain
import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Projections
import Synchronization
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

    @Test("rebuild into shadow schemas: readers and writers go on during the rebuild, the write made meanwhile is caught up at the swap, the API answers as before, secrets and counters carry over", .timeLimit(.minutes(2)))
    func shadowRebuild() async throws {
        try await F.run { server, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            _ = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#)
            _ = try await F.post(client, "zaken", types.zaak(#", "hoofdzaak": "\#(zaak)""#))
            @Sendable func answers() async throws -> [String] {
                var bodies: [String] = []
                for url in [zaak, "\(F.root)/zaken", "\(F.root)/statussen", "/catalogi/api/v1/zaaktypen", "/autorisaties/api/v1/applicaties"] {
                    let response = try await F.get(client, url)
                    bodies.append("\(response.status) \(response.headers[.eTag] ?? "") \(String(buffer: response.body))")
                }
                return bodies
            }
            let before = try await answers()
            let secrets = try await server.store.client.query("SELECT count(*) FROM auth.jwt_secrets").collect().first?.decode(Int64.self)
            let during = Mutex<(answers: [String], created: String?)?>(nil)
            let events = try await ShadowRebuild.run(store: server.store, groups: ReadModels.groups, batchSize: 5, logger: server.store.logger) { done, _ in
                guard done > 0, during.withLock({ $0 == nil }) else { return }
                // Mid-rebuild, from other connections: the live tables answer, and a write goes through.
                let seen = try? await answers()
                let created = try? await F.post(client, "zaken", types.zaak(#", "omschrijving": "tijdens de rebuild""#)).headers[.location]
                during.withLock { $0 = (seen ?? [], created ?? nil) }
            }
            let (seen, created) = try #require(during.withLock { $0 })
            #expect(seen == before)
            let made = try #require(created)
            #expect(events == Int(try await server.store.headPosition()))
            #expect(try await F.get(client, made).status == .ok, "the zaak written during the rebuild is in the swapped-in read model")
            #expect(try await answers().map { String($0.prefix(3)) } == Array(repeating: "200", count: 5))
            let after = try await answers()
            #expect(after[0] == before[0] && after[3] == before[3] && after[4] == before[4])
            #expect(try await server.store.client.query("SELECT count(*) FROM auth.jwt_secrets").collect().first?.decode(Int64.self) == secrets)
            let schemas = try await server.store.client.query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '%\\_\\_old'").collect()
            #expect(try schemas.first?.decode(Int64.self) == 0, "the old schemas are dropped")
            // A generated identificatie continues after the highest one issued.
            let next = try jsonObject(try await F.post(client, "zaken", types.zaak()))["identificatie"]
            let meanwhile = try jsonObject(try await F.get(client, made))["identificatie"]
            #expect(next != nil && next != meanwhile)

            // The swapped-in models equal a replay of the whole log.
            try await withTestDatabase(migrations: ReadModels.migrations) { rebuilt in
                _ = try await ProjectionCheck.replay(from: server.store, into: rebuilt, projectors: ReadModels.projectors, logger: server.store.logger)
                let differences = try await ProjectionCheck.compare(live: server.store.client, rebuilt: rebuilt, logger: server.store.logger)
                #expect(differences.isEmpty, "\(differences)")
            }
        }
    }

    @Test("bulk rebuild equals inline: a realistic log (every zaak resource kind, a reopened zaak, a deelzaak, deleted and destroyed zaken, a deleted rol, zaakbesluiten, ZIOs; document versions, locks, bestandsdelen, gebruiksrechten, a deleted document) built in SQL equals an event-by-event replay row by row and in list order, and the API answers as before", .timeLimit(.minutes(3)))
    func bulkEqualsInline() async throws {
        try await ZaakResourcesTests.run(uploadChunkSize: 1000) { server, client, types, stub in
            let urls = try await RealisticStore.fill(server, client, types, stub)
            let before = try await RealisticStore.answers(client, urls)
            let kinds = "SELECT string_agg(DISTINCT kind, ',' ORDER BY kind) FROM zaken.resources"
            #expect(try await Self.text(kinds, server.store.client) == ZaakResource.allCases.filter { $0 != .zaak }.map(\.rawValue).sorted().joined(separator: ","))
            // check-projections: the live models (written inline) equal a bulk build in a scratch database.
            try await withTestDatabase(migrations: ReadModels.migrations) { checked in
                let events = try await ProjectionCheck.rebuild(from: server.store, into: checked, groups: ReadModels.groups, batchSize: 4, logger: server.store.logger)
                #expect(events == Int(try await server.store.headPosition()))
                let differences = try await ProjectionCheck.compare(live: server.store.client, rebuilt: checked, logger: server.store.logger)
                #expect(differences.isEmpty, "\(differences)")
            }
            // rebuild: the bulk-built models swapped in equal an event-by-event replay.
            try await withTestDatabase(migrations: ReadModels.migrations) { inline in
                _ = try await ProjectionCheck.replay(from: server.store, into: inline, projectors: ReadModels.projectors, batchSize: 4, logger: server.store.logger)
                let events = try await ShadowRebuild.run(store: server.store, groups: ReadModels.groups, logger: server.store.logger)
                #expect(events == Int(try await server.store.headPosition()))
                let differences = try await ProjectionCheck.compare(live: server.store.client, rebuilt: inline, logger: server.store.logger)
                #expect(differences.isEmpty, "\(differences)")
                // Lists are ordered by `created_position`, which the comparison leaves out.
                for table in ["zaken.zaken", "zaken.resources", "besluiten.besluiten", "besluiten.informatieobjecten", "documenten.informatieobjecten", "documenten.resources"] {
                    let order = "SELECT coalesce(string_agg(uuid::text, ',' ORDER BY created_position), '') FROM \(table)"
                    #expect(try await Self.text(order, server.store.client) == Self.text(order, inline), "\(table)")
                }
            }
            let after = try await RealisticStore.answers(client, urls)
            for (answer, expected) in zip(after, before) { #expect(answer == expected) }
        }
    }

    static func text(_ sql: String, _ client: PostgresClient) async throws -> String? {
        try await client.query(PostgresQuery(unsafeSQL: sql)).collect().first?.decode(String?.self)
    }

    @Test("one projection group rebuilds alone; every projector belongs to exactly one group")
    func groups() async throws {
        let names = ReadModels.groups.flatMap { $0.projectors.map(\.name) }
        #expect(names.sorted() == ReadModels.projectors.map(\.name).sorted())
        try await F.run { server, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let before = try await F.get(client, zaak)
            let zaken = try #require(ReadModels.groups.first { $0.name == "zaken" })
            let events = try await ShadowRebuild.run(store: server.store, groups: [zaken], logger: server.store.logger)
            #expect(events == Int(try await server.store.headPosition()))
            let after = try await F.get(client, zaak)
            #expect(String(buffer: after.body) == String(buffer: before.body))
        }
    }
}
