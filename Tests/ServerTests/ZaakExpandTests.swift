import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

/// `expand` (Zaken 1.5) on detail and list: every allowed path gives the related resources as the API serves
/// them, in `_expand` keyed by field, types nested under each resource, at most three levels deep.
@Suite("Zaken API: expand")
struct ZaakExpandTests {
    typealias F = ZakenFixture

    @Test("expand: zaaktype, status.statustype, resultaat.resultaattype, rollen.roltype, eigenschappen.eigenschap, zaakobjecten, zaakinformatieobjecten, deelzaken and hoofdzaak")
    func everyPath() async throws {
        try await F.run { _, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let status = try #require(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#).headers[.location])
            let resultaat = try #require(try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#).headers[.location])
            let rol = try await F.post(client, "rollen", #"""
                {"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "medewerker", "roltoelichting": "x", "betrokkeneIdentificatie": {"identificatie": "m1"}}
                """#)
            #expect(rol.status == .created)
            let eigenschap = try await F.post(client, "zaken/\(zaak.suffix(36))/zaakeigenschappen", #"{"eigenschap": "\#(types.eigenschap)", "waarde": "abc"}"#)
            #expect(eigenschap.status == .created)
            let object = try await F.post(client, "zaakobjecten", #"{"zaak": "\#(zaak)", "objectType": "overige", "objectTypeOverige": "boom", "objectIdentificatie": {"overigeData": {}}}"#)
            #expect(object.status == .created)
            let deelzaak = try #require(try await F.post(client, "zaken", types.zaak(#", "hoofdzaak": "\#(zaak)""#)).headers[.location])

            let paths = "zaaktype,status.statustype,resultaat.resultaattype,rollen.roltype,eigenschappen.eigenschap,zaakobjecten,zaakinformatieobjecten,deelzaken.status"
            let response = try await F.get(client, zaak + "?expand=" + paths)
            #expect(response.status == .ok)
            let expanded = try jsonObject(response)
            guard case .object(let expand)? = expanded["_expand"] else { Issue.record("no _expand"); return }
            #expect(Set(expand.keys) == ["zaaktype", "status", "resultaat", "rollen", "eigenschappen", "zaakobjecten", "zaakinformatieobjecten", "deelzaken"])
            #expect(expand["zaaktype"]?.object?["url"] == .string(types.zaaktype))
            #expect(expand["status"]?.object?["url"] == .string(status))
            #expect(expand["status"]?.object?["_expand"]?.object?["statustype"]?.object?["url"] == .string(types.ontvangen))
            #expect(expand["resultaat"]?.object?["url"] == .string(resultaat))
            #expect(expand["resultaat"]?.object?["_expand"]?.object?["resultaattype"]?.object?["url"] == .string(types.resultaattype))
            #expect(expand["rollen"]?.array?.first?.object?["_expand"]?.object?["roltype"]?.object?["url"] == .string(types.roltype))
            #expect(expand["rollen"]?.array?.first?.object?["url"] == .string(try #require(rol.headers[.location])))
            #expect(expand["eigenschappen"]?.array?.first?.object?["_expand"]?.object?["eigenschap"]?.object?["url"] == .string(types.eigenschap))
            #expect(expand["zaakobjecten"]?.array?.first?.object?["url"] == .string(try #require(object.headers[.location])))
            #expect(expand["zaakinformatieobjecten"] == .array([]))
            let deelzaken = expand["deelzaken"]?.array ?? []
            #expect(deelzaken.count == 1)
            #expect(deelzaken.first?.object?["url"] == .string(deelzaak))
            #expect(deelzaken.first?.object?["_expand"]?.object?["status"] == .null, "a deelzaak without status expands it to null")
            // The expanded resources are as their own endpoints serve them.
            let served = try jsonObject(try await F.get(client, status))
            var inline = expand["status"]?.object ?? [:]
            inline["_expand"] = nil
            #expect(inline == served)

            // Upwards, and a path without sub-path: the hoofdzaak as served, with only its zaaktype expanded.
            let up = try jsonObject(try await F.get(client, deelzaak + "?expand=hoofdzaak.zaaktype,status"))
            let hoofdzaak = up["_expand"]?.object?["hoofdzaak"]?.object
            #expect(hoofdzaak?["url"] == .string(zaak))
            #expect(hoofdzaak?["_expand"]?.object?["zaaktype"]?.object?["url"] == .string(types.zaaktype))
            #expect(up["_expand"]?.object?["status"] == .null)

            // On the list, each zaak is expanded; without expand there is no `_expand`.
            let list = try jsonObject(try await F.get(client, "\(F.root)/zaken?expand=zaaktype"))
            let results = list["results"]?.array ?? []
            #expect(results.count == 2)
            #expect(results.allSatisfy { $0.object?["_expand"]?.object?["zaaktype"]?.object?["url"] == .string(types.zaaktype) })
            let plain = try jsonObject(try await F.get(client, "\(F.root)/zaken"))
            #expect(plain["results"]?.array?.allSatisfy { $0.object?["_expand"] == nil } == true)
        }
    }

    /// The zaak's own paths, which one prepared statement serves with a flag each (`ServedExpandedZaak`).
    static let ownPaths = [
        "eigenschappen", "eigenschappen.eigenschap", "resultaat", "resultaat.resultaattype", "rollen", "rollen.roltype", "status",
        "status.statustype", "zaakinformatieobjecten", "zaakobjecten", "zaaktype",
    ]

    @Test("expand of the zaak's own resources (one prepared text, a flag per path) equals the query built per request, for every path and every pair of paths")
    func preparedEqualsBuilt() async throws {
        try await F.run { _, client, types in
            let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            #expect(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#).status == .created)
            #expect(try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#).status == .created)
            for identificatie in ["m1", "m2"] {
                let rol = try await F.post(client, "rollen", #"""
                    {"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "medewerker", "roltoelichting": "x", "betrokkeneIdentificatie": {"identificatie": "\#(identificatie)"}}
                    """#)
                #expect(rol.status == .created)
            }
            #expect(try await F.post(client, "zaken/\(zaak.suffix(36))/zaakeigenschappen", #"{"eigenschap": "\#(types.eigenschap)", "waarde": "abc"}"#).status == .created)
            #expect(try await F.post(client, "zaakobjecten", #"{"zaak": "\#(zaak)", "objectType": "overige", "objectTypeOverige": "boom", "objectIdentificatie": {"overigeData": {}}}"#).status == .created)

            var sets = Self.ownPaths.map { [$0] }
            for (i, first) in Self.ownPaths.enumerated() { for second in Self.ownPaths[(i + 1)...] { sets.append([first, second]) } }
            sets.append(Self.ownPaths)
            for paths in sets {
                let expand = paths.joined(separator: ",")
                let prepared = try jsonObject(try await F.get(client, zaak + "?expand=" + expand))
                // With `deelzaken` the whole query is built per request; the zaak has none, so only that key differs.
                var built = try jsonObject(try await F.get(client, zaak + "?expand=" + expand + ",deelzaken"))
                guard case .object(var builtExpand)? = built["_expand"] else { Issue.record("no _expand for \(expand)"); continue }
                #expect(builtExpand.removeValue(forKey: "deelzaken") == .array([]))
                built["_expand"] = .object(builtExpand)
                #expect(prepared == built, "expand=\(expand)")
                #expect(Set(prepared["_expand"]?.object?.keys.map { $0 } ?? []) == Set(paths.map { String($0.prefix { $0 != "." }) }), "expand=\(expand)")
            }
        }
    }

    @Test("zrc-013: a deelzaak moved to another hoofdzaak leaves the first one's deelzaken and joins the other's")
    func deelzaakMoves() async throws {
        try await F.run { _, client, types in
            let first = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let second = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
            let deelzaak = try #require(try await F.post(client, "zaken", types.zaak(#", "hoofdzaak": "\#(first)""#)).headers[.location])
            #expect(try jsonObject(try await F.get(client, first))["deelzaken"] == .array([.string(deelzaak)]))
            #expect(try await F.send(client, .patch, deelzaak, #"{"hoofdzaak": "\#(second)"}"#).status == .ok)
            #expect(try jsonObject(try await F.get(client, first))["deelzaken"] == .array([]))
            #expect(try jsonObject(try await F.get(client, second))["deelzaken"] == .array([.string(deelzaak)]))
        }
    }
}
