import CatalogiExchange
import Domain
import EventStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import ZIPFoundation
import ZGWHTTP

@Suite("Catalogi import and export in Open Zaak's ZIP format")
struct CatalogiExchangeTests {
    typealias Fixture = CatalogiExchangeFixture

    static let collections = [
        "catalogussen", "informatieobjecttypen", "besluittypen", "zaaktypen", "statustypen", "zaaktype-informatieobjecttypen",
        "resultaattypen", "roltypen", "eigenschappen", "zaakobjecttypen",
    ]

    /// Every list of the Catalogi API (concepts included) and every detail of what they list, by request path.
    static func answers(_ client: some TestClientProtocol) async throws -> [String: JSONValue] {
        var answers: [String: JSONValue] = [:]
        for collection in collections {
            let path = "\(Fixture.root)/\(collection)" + (collection == "catalogussen" ? "" : "?status=alles")
            let list = try await Fixture.get(client, path)
            #expect(list.status == .ok)
            let body = try jsonObject(list)
            answers[path] = .object(body)
            answers["\(Fixture.root)/\(collection)"] = .object(try jsonObject(try await Fixture.get(client, "\(Fixture.root)/\(collection)")))
            for item in body["results"]?.array ?? [] {
                guard let url = item.object?["url"]?.text else { continue }
                answers[ZaakTypenTests.path(url)] = .object(try jsonObject(try await Fixture.get(client, url)))
            }
        }
        return answers
    }

    /// The file with every URL of `TestServer.baseURL` moved to `base` (another host and path prefix).
    static func rehost(_ file: Data, to base: String) throws -> Data {
        var archive = try CatalogiArchive.read(file)
        for (resource, objects) in archive.objects {
            archive.objects[resource] = objects.map { object in
                JSONParser.decodeRehosted(object, from: TestServer.baseURL, to: base)
            }
        }
        return try archive.zipData()
    }

    @Test("round trip: a catalogus export imported into an empty store answers every Catalogi read as the original")
    func roundTrip() async throws {
        try await SelectielijstStub.run { selectielijst in
            let (file, original) = try await TestServer.run(selectielijstURL: selectielijst) { server, client in
                let built = try await Fixture.build(server, client, selectielijst: selectielijst)
                return (try await Fixture.export(client, catalogus: built.catalogus), try await Self.answers(client))
            }
            let moved = try Self.rehost(file, to: "https://openzaak.gemeente.example/beheer/zgw")
            #expect(!String(decoding: moved, as: UTF8.self).contains(TestServer.baseURL))
            try await TestServer.run(selectielijstURL: selectielijst) { server, client in
                try await server.addClient("beheer", secret: "geheim")
                let response = try await Fixture.importFile(client, moved, [("publish", "true")])
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let report = try Fixture.report(response)
                #expect(report.imported && report.refused.isEmpty && report.notPublished.isEmpty)
                #expect(report.created.count == 13)
                let imported = try await Self.answers(client)
                #expect(imported.keys.sorted() == original.keys.sorted())
                for key in original.keys.sorted() { #expect(imported[key] == original[key], "\(key)") }
            }
        }
    }

    @Test("export: Open Zaak's layout: stored root entries of non-empty types, snake_case keys, read-only fields, BesluitType.zaaktypen []")
    func exportFormat() async throws {
        try await SelectielijstStub.run { selectielijst in
            try await TestServer.run(selectielijstURL: selectielijst) { server, client in
                let built = try await Fixture.build(server, client, selectielijst: selectielijst)
                let file = try await Fixture.export(client, catalogus: built.catalogus)
                let zip = try Archive(data: file, accessMode: .read)
                let entries = zip.map(\.path)
                #expect(entries == CatalogiResource.allCases.map(\.fileName))
                #expect(zip.allSatisfy { !$0.isCompressed })
                func entry(_ name: String) throws -> [[String: Any]] {
                    var data = Data()
                    _ = try zip.extract(try #require(zip[name])) { data.append($0) }
                    return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
                }
                let catalogus = try entry("Catalogus.json")[0]
                #expect(catalogus["contactpersoon_beheer_naam"] as? String == "Ad")
                #expect(catalogus["url"] as? String == built.catalogus)
                #expect((catalogus["zaaktypen"] as? [String])?.count == 2)
                let zaaktype = try #require(try entry("ZaakType.json").first { $0["url"] as? String == built.zaaktype })
                #expect(zaaktype["indicatie_intern_of_extern"] as? String == "extern")
                #expect(zaaktype["begin_geldigheid"] as? String == "2026-01-01")
                #expect(zaaktype["concept"] as? Bool == false)
                #expect(zaaktype["besluittypen"] as? [String] == [built.besluittype])
                #expect(zaaktype["indicatieInternOfExtern"] == nil)
                let besluittype = try entry("BesluitType.json")[0]
                #expect((besluittype["zaaktypen"] as? [Any])?.isEmpty == true)
                let resultaattype = try entry("ResultaatType.json")[0]
                #expect((resultaattype["brondatum_archiefprocedure"] as? [String: Any])?["einddatum_bekend"] is Bool)
                #expect(try entry("ZaakTypeInformatieObjectType.json")[0]["zaaktype"] as? String == built.zaaktype)

                // A zaaktype export: the zaaktype, its parts, besluittypen and informatieobjecttypen; no catalogus.
                let single = try Archive(data: try await Fixture.export(client, catalogus: built.catalogus, zaaktype: built.zaaktype), accessMode: .read)
                #expect(single.map(\.path) == CatalogiResource.allCases.filter { $0 != .catalogus }.map(\.fileName))
                let only = try CatalogiArchive.read(try await Fixture.export(client, catalogus: built.catalogus, zaaktype: built.zaaktype))
                #expect(only.objects[.zaakType]?.count == 1)
                #expect(Set(only.objects[.informatieObjectType]?.compactMap { $0["url"]?.text } ?? []) == Set(built.informatieobjecttypen))
            }
        }
    }
}

extension JSONParser {
    /// An object with every string that starts with `old` starting with `new` instead.
    static func decodeRehosted(_ object: [String: JSONValue], from old: String, to new: String) -> [String: JSONValue] {
        func move(_ value: JSONValue) -> JSONValue {
            switch value {
            case .string(let text) where text.hasPrefix(old): .string(new + text.dropFirst(old.count))
            case .array(let items): .array(items.map(move))
            case .object(let fields): .object(fields.mapValues(move))
            default: value
            }
        }
        return object.mapValues(move)
    }
}
