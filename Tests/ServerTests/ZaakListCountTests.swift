import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Projections
import Testing
import ZGWHTTP


private typealias F = ZakenFixture

/// Pagination counts of `GET /zaken` on the common filters come from the maintained zaak counts, not from a scan
/// of every zaak: they must stay equal to what the filter matches through creates, updates and deletes.
@Suite("Zaken list counts", .serialized)
struct ZaakListCountTests {
    @Test("zrc-006 list counts: counts by zaaktype, bronorganisatie, vertrouwelijkheid and authorisation equal the zaken they count")
    func countsFollowWrites() async throws {
        try await F.run { server, client, types in
            func zaak(_ bron: String, _ vertrouwelijkheid: String) async throws -> String {
                let json = #"{"zaaktype": "\#(types.zaaktype)", "bronorganisatie": "\#(bron)", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-03-01", "vertrouwelijkheidaanduiding": "\#(vertrouwelijkheid)"}"#
                let response = try await F.post(client, "zaken", json)
                #expect(response.status == .created)
                return try #require(response.headers[.location])
            }
            let first = try await zaak("002220647", "openbaar")
            _ = try await zaak("002220647", "openbaar")
            let third = try await zaak("002220647", "geheim")
            _ = try await zaak("517439943", "intern")
            let deleted = try await zaak("517439943", "openbaar")
            // An update that moves a zaak to another key, and a delete.
            #expect(try await F.send(client, .patch, first, #"{"vertrouwelijkheidaanduiding": "vertrouwelijk"}"#).status == .ok)
            #expect(try await F.send(client, .delete, deleted).status == .noContent)
            try await server.addClient("lezer", secret: "l", all: false, autorisaties: [
                Autorisatie(component: .zrc, scopes: ["zaken.lezen"], zaaktype: types.zaaktype, maxVertrouwelijkheidaanduiding: .zaakvertrouwelijk)
            ])
            let reader = ZGWToken.make(clientID: "lezer", secret: "l")
            let zaaktype = types.zaaktype.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let expected: [(query: String, token: String, count: Int)] = [
                ("", F.token, 4),
                ("?zaaktype=\(zaaktype)", F.token, 4),
                ("?zaaktype=\(zaaktype)x", F.token, 0),
                ("?bronorganisatie=002220647", F.token, 3),
                ("?bronorganisatie__in=002220647,517439943", F.token, 4),
                ("?maximaleVertrouwelijkheidaanduiding=intern", F.token, 2),
                ("?maximaleVertrouwelijkheidaanduiding=vertrouwelijk&bronorganisatie=002220647", F.token, 2),
                ("", reader, 2),
                ("?bronorganisatie=517439943", reader, 1),
            ]
            func check() async throws {
                for (query, token, count) in expected {
                    let page = try jsonObject(try await F.get(client, "\(F.root)/zaken\(query)", token: token))
                    #expect(page["count"] == .number(Double(count)), "count of \(query)")
                    guard case .array(let results)? = page["results"] else { Issue.record("no results for \(query)"); continue }
                    #expect(results.count == count, "results of \(query)")
                }
            }
            try await check()
            #expect(try await F.get(client, third, token: reader).status == .forbidden)
            // Folding the deltas keeps every count and leaves one row per key.
            try await server.store.client.query(PostgresQuery(unsafeSQL: ZakenSchema.countsCompaction), logger: server.store.logger)
            let rows = try await server.store.client.query("SELECT count(*) FROM zaken.zaak_counts", logger: server.store.logger).collect()
            #expect(try rows.first?.decode(Int64.self) == 4)
            try await check()
        }
    }
}
