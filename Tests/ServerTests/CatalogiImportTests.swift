import CatalogiExchange
import Domain
import EventStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Notifier
import Testing
import ZIPFoundation
import ZGWHTTP

@Suite("Catalogi import: Open Zaak's files, refusals, dry runs and mappings")
struct CatalogiImportTests {
    typealias Fixture = CatalogiExchangeFixture

    static func ours(_ collection: String, _ uuid: UUID) -> String {
        "\(TestServer.baseURL)/catalogi/api/v1/\(collection)/\(uuid.uuidString.lowercased())"
    }

    @Test("an Open Zaak export (snake_case, another host and prefix, a folder, deflated entries) imports whole, ZaakObjectType.json included")
    func openZaakFile() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let file = OpenZaakExportFile()
            let response = try await Fixture.importFile(client, try file.zip(), [("publish", "true")])
            #expect(response.status == .created, "\(String(buffer: response.body))")
            let report = try Fixture.report(response)
            #expect(report.created.count == 9 && report.refused.isEmpty && report.notPublished.isEmpty)

            let zaaktype = try jsonObject(try await Fixture.get(client, Self.ours("zaaktypen", file.zaaktype)))
            #expect(zaaktype["catalogus"] == .string(Self.ours("catalogussen", file.catalogus)))
            #expect(zaaktype["besluittypen"] == .array([.string(Self.ours("besluittypen", file.besluittype))]))
            #expect(zaaktype["concept"] == .bool(false))
            #expect((zaaktype["broncatalogus"] ?? .null) == .null)
            #expect(zaaktype["zaakobjecttypen"] == .array([.string(Self.ours("zaakobjecttypen", file.zaakobjecttype))]))
            let zaakobjecttype = try jsonObject(try await Fixture.get(client, Self.ours("zaakobjecttypen", file.zaakobjecttype)))
            #expect(zaakobjecttype["relatieOmschrijving"] == .string("Perceel"))
            #expect(zaakobjecttype["zaaktype"] == .string(Self.ours("zaaktypen", file.zaaktype)))
            let link = try jsonObject(try await Fixture.get(client, Self.ours("zaaktype-informatieobjecttypen", file.link)))
            #expect(link["statustype"] == .string(Self.ours("statustypen", file.statustype)))
            let eigenschap = try jsonObject(try await Fixture.get(client, Self.ours("eigenschappen", file.eigenschap)))
            #expect(eigenschap["specificatie"]?.object?["formaat"] == .string("getal"))
            let besluittype = try jsonObject(try await Fixture.get(client, Self.ours("besluittypen", file.besluittype)))
            #expect(besluittype["zaaktypen"] == .array([.string(Self.ours("zaaktypen", file.zaaktype))]))
        }
    }

    @Test("imported objects are events like API writes: audited with the client, and notified on their kanalen")
    func importedObjectsAreEvents() async throws {
        try await TestServer.runWithNotifier { server, client in
            try await WebhookReceiver.run { receiver in
                try await server.addClient("beheer", secret: "geheim")
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaaktypen"}, {"naam": "informatieobjecttypen"}, {"naam": "besluittypen"}]"#)
                let file = OpenZaakExportFile()
                let response = try await Fixture.importFile(client, try file.zip())
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let events = try await server.store.readStream("zaaktype-\(file.zaaktype.uuidString.lowercased())")
                #expect(events.map(\.type) == [
                    "zaaktype.created", "statustype.created", "zaaktypeinformatieobjecttype.created", "roltype.created", "eigenschap.created",
                    "zaakobjecttype.created",
                ])
                #expect(events.allSatisfy { $0.metadata.clientID == "beheer" && $0.metadata.method == "POST" && $0.metadata.actie == "create" })
                try await receiver.waitUntil { $0.count >= 3 }
                let kanalen = Set(receiver.messages.map { "\($0.kanaal) \($0.actie) \($0.resourceUrl)" })
                #expect(kanalen == [
                    "zaaktypen create \(Self.ours("zaaktypen", file.zaaktype))",
                    "informatieobjecttypen create \(Self.ours("informatieobjecttypen", file.informatieobjecttype))",
                    "besluittypen create \(Self.ours("besluittypen", file.besluittype))",
                ])
            }
        }
    }

    @Test("an empty ZIP, a ZIP with unknown files and a file that is no ZIP are refused, and change nothing")
    func unrecognisedFiles() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let before = try await Fixture.eventCount(server)
            let empty = try Archive(accessMode: .create)
            let cases: [(Data, String)] = [
                (try #require(empty.data), "empty-export"),
                (try OpenZaakExportFile().zip(folder: nil, extra: ["Notities.txt": Data("x".utf8)]), "unknown-entries"),
                (try OpenZaakExportFile().zip(leaving: Set(OpenZaakExportFile().entries.keys), extra: ["ZaakTypen.json": Data("[]".utf8)]), "unknown-entries"),
                (Data("PK? geen zip".utf8), "invalid-zip"),
                (try OpenZaakExportFile().zip(leaving: Set(OpenZaakExportFile().entries.keys), extra: ["ZaakType.json": Data("[]".utf8)]), "empty-export"),
            ]
            for (file, code) in cases {
                let response = try await Fixture.importFile(client, file)
                #expect(response.status == .badRequest)
                #expect(try problem(response).invalidParams?.first?.code == code)
            }
            #expect(try await Fixture.eventCount(server) == before)
        }
    }

    @Test("a broken reference and a bad field are both reported, each with object, field and code; nothing is written")
    func everyRefusalIsReported() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let file = OpenZaakExportFile()
            var entries = file.entries
            entries["ZaakType.json"]![0]["besluittypen"] = [file.url("besluittypen", UUID())]
            entries["RolType.json"]![0]["omschrijving_generiek"] = "baas"
            let before = try await Fixture.eventCount(server)
            let dry = try await Fixture.importFile(client, try Self.zip(entries), [("dryRun", "true")])
            #expect(dry.status == .ok)
            let report = try Fixture.report(dry)
            let refusals = Set(report.refused.map { "\($0.resource) \($0.field) \($0.code)" })
            #expect(refusals.contains("ZaakType besluittypen does_not_exist"))
            #expect(refusals.contains("RolType omschrijvingGeneriek invalid_choice"))
            let real = try await Fixture.importFile(client, try Self.zip(entries))
            #expect(real.status == .badRequest)
            #expect(Set(try problem(real).invalidParams?.map(\.code) ?? []).isSuperset(of: ["does_not_exist", "invalid_choice"]))
            #expect(try await Fixture.eventCount(server) == before)
            #expect(try await Fixture.get(client, Self.ours("catalogussen", file.catalogus)).status == .notFound)
        }
    }

    @Test("a kept uuid that exists here is a clash naming both objects; with new uuids the same file imports again")
    func uuidClash() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let file = OpenZaakExportFile()
            #expect(try await Fixture.importFile(client, try file.zip()).status == .created)
            let before = try await Fixture.eventCount(server)
            var second = file
            second.domein = "OZ2"
            let clash = try await Fixture.importFile(client, try second.zip(), [("dryRun", "true")])
            let report = try Fixture.report(clash)
            let zaaktype = try #require(report.refused.first { $0.resource == "ZaakType" })
            #expect(zaaktype.code == "uuid-clash" && zaaktype.field == "url")
            #expect(zaaktype.reason.contains(file.url("zaaktypen", file.zaaktype)) && zaaktype.reason.contains(Self.ours("zaaktypen", file.zaaktype)))
            #expect(try await Fixture.importFile(client, try second.zip()).status == .badRequest)
            #expect(try await Fixture.eventCount(server) == before)
            var renamed = second
            renamed.zaaktypeIdentificatie = "OZ-ANDERS"
            let fresh = try await Fixture.importFile(client, try renamed.zip(), [("newUuids", "true")])
            #expect(fresh.status == .created, "\(String(buffer: fresh.body))")
            #expect(try Fixture.report(fresh).created.allSatisfy { !$0.url.contains(file.zaaktype.uuidString.lowercased()) })
        }
    }

    @Test("ztc-001 on import: a selectielijstProcestype the Selectielijst API does not know is refused (bad-url), nothing written")
    func selectielijstRefusal() async throws {
        try await SelectielijstStub.run { selectielijst in
            try await TestServer.run(selectielijstURL: selectielijst) { server, client in
                try await server.addClient("beheer", secret: "geheim")
                var file = OpenZaakExportFile()
                file.selectielijstProcestype = "\(selectielijst)/procestypen/\(UUID())"
                let before = try await Fixture.eventCount(server)
                let response = try await Fixture.importFile(client, try file.zip())
                #expect(response.status == .badRequest)
                #expect(try problem(response).invalidParams?.contains { $0.name.hasPrefix("ZaakType.") && $0.name.hasSuffix(".selectielijstProcestype") && $0.code == "bad-url" } == true)
                #expect(try await Fixture.eventCount(server) == before)
                file.selectielijstProcestype = "\(selectielijst)/procestypen/\(try SelectielijstStub.knownProcestype.uuidString.lowercased())"
                #expect(try await Fixture.importFile(client, try file.zip()).status == .created)
            }
        }
    }

    @Test("a dry run writes nothing and reports exactly what the real import then does")
    func dryRunEqualsRealRun() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            let file = try OpenZaakExportFile().zip()
            let before = try await Fixture.eventCount(server)
            let dry = try await Fixture.importFile(client, file, [("dryRun", "true"), ("publish", "true")])
            #expect(dry.status == .ok)
            #expect(try await Fixture.eventCount(server) == before)
            let real = try await Fixture.importFile(client, file, [("publish", "true")])
            #expect(real.status == .created)
            let (planned, done) = (try Fixture.report(dry), try Fixture.report(real))
            #expect(planned.dryRun && !planned.imported && done.imported && !done.dryRun)
            #expect(planned.created == done.created && planned.reused == done.reused && planned.refused == done.refused)
            #expect(planned.notPublished == done.notPublished)
            #expect(try await Fixture.eventCount(server) > before)
        }
    }

    @Test("a zaaktype export imports into another catalogus, reusing a mapped informatieobjecttype, with new uuids and an identificatie prefix")
    func zaaktypeIntoAnotherCatalogus() async throws {
        try await SelectielijstStub.run { selectielijst in
            try await TestServer.run(selectielijstURL: selectielijst) { server, client in
                let built = try await Fixture.build(server, client, selectielijst: selectielijst)
                let file = try await Fixture.export(client, catalogus: built.catalogus, zaaktype: built.zaaktype)
                let other = try #require(try await ZaakTypenTests.post(
                    client, "catalogussen", #"{"domein": "NIEUW", "rsin": "002220647", "contactpersoonBeheerNaam": "Bo"}"#).headers[.location])
                let existing = try #require(try await ZaakTypenTests.post(client, "informatieobjecttypen", #"""
                    {"catalogus": "\#(other)", "omschrijving": "Aanvraag", "vertrouwelijkheidaanduiding": "openbaar", "beginGeldigheid": "2026-01-01",
                     "informatieobjectcategorie": "Formulier"}
                    """#).headers[.location])
                let before = try await Fixture.eventCount(server)
                let response = try await Fixture.importFile(client, file, [
                    ("catalogus", other), ("newUuids", "true"), ("identificatiePrefix", "NIEUW"),
                    ("mapInformatieobjecttype", "\(built.informatieobjecttypen[0])=\(existing)"),
                ])
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let report = try Fixture.report(response)
                #expect(report.reused.map(\.url) == [existing])
                #expect(!report.created.contains { $0.resource == "Catalogus" })
                let zaaktype = try #require(report.created.first { $0.resource == "ZaakType" })
                let body = try jsonObject(try await Fixture.get(client, zaaktype.url))
                #expect(body["catalogus"] == .string(other))
                #expect(body["identificatie"]?.text?.hasPrefix("NIEUW_") == true)
                #expect(body["concept"] == .bool(true))
                #expect(body["informatieobjecttypen"] == .array([.string(existing)]))
                let besluittype = try #require(report.created.first { $0.resource == "BesluitType" })
                #expect(try jsonObject(try await Fixture.get(client, besluittype.url))["catalogus"] == .string(other))
                #expect(try await Fixture.eventCount(server) > before)
                // The original is untouched.
                #expect(try jsonObject(try await Fixture.get(client, built.zaaktype))["catalogus"] == .string(built.catalogus))
            }
        }
    }

    /// A ZIP of `entries` at the root, stored.
    static func zip(_ entries: [String: [[String: Any]]]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (name, objects) in entries {
            let data = try JSONSerialization.data(withJSONObject: objects)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }
}
