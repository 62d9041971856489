import CommandAPI
import Domain
import EventStore
import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import LogArchive
import NIOCore
import PostgresNIO
import Projections
import TestSupport
import Testing

@Suite("Auditor: export and import of the log")
struct LogArchiveTests {
    typealias F = ZakenFixture

    /// Zaken with status, rol, resultaat, eigenschap, a closing status, a deelzaak, a deleted and a destroyed zaak; a
    /// document with content linked to a zaak, and a besluit of that zaak with the document.
    static func populate(_ server: TestServer, _ client: some TestClientProtocol, _ types: ZakenFixture) async throws -> String {
        let zaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
        // A hoofdzaak with an open deelzaak (a hoofdzaak cannot be closed while a deelzaak is open).
        let hoofdzaak = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
        _ = try await F.post(client, "zaken", types.zaak(#", "hoofdzaak": "\#(hoofdzaak)""#))
        // A document linked to the hoofdzaak (with its mirrored objectinformatieobject) and a besluit of it with the document.
        let document = try await D.create(client, types, #", "inhoud": "\#(D.base64("aanvraag"))""#)
        #expect(try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(hoofdzaak)", "informatieobject": "\#(document)"}"#).status == .created)
        let besluit = try await BesluitenTests.post(client, "besluiten", BesluitenTests.besluit(types, #", "zaak": "\#(hoofdzaak)""#))
        #expect(besluit.status == .created)
        let bio = #"{"besluit": "\#(try #require(besluit.headers[.location]))", "informatieobject": "\#(document)"}"#
        #expect(try await BesluitenTests.post(client, "besluitinformatieobjecten", bio).status == .created)
        _ = try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#)
        _ = try await F.post(client, "rollen", #"{"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "medewerker", "roltoelichting": "x", "betrokkeneIdentificatie": {"identificatie": "m1"}}"#)
        _ = try await F.post(client, "zaken/\(zaak.suffix(36))/zaakeigenschappen", #"{"eigenschap": "\#(types.eigenschap)", "waarde": "abc"}"#)
        _ = try await F.post(client, "resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#)
        #expect(try await F.post(client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.afgehandeld)", "datumStatusGezet": "2026-03-05T09:00:00Z"}"#).status == .created)
        let gone = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
        #expect(try await F.send(client, .delete, gone).status == .noContent)
        let destroyed = try #require(try await F.post(client, "zaken", types.zaak()).headers[.location])
        _ = try await F.post(client, "statussen", #"{"zaak": "\#(destroyed)", "statustype": "\#(types.ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#)
        let removed = try await ZaakDestruction(store: server.store).destroy(
            try #require(UUID(uuidString: String(destroyed.suffix(36)))), metadata: EventMetadata(clientID: "cli", actie: "destroy"))
        #expect(removed == 2)
        return zaak
    }

    static func answers(_ client: some TestClientProtocol, zaak: String) async throws -> [String] {
        var bodies: [String] = []
        // An expanded zaak compares as JSON: its members come in dictionary order.
        let expanded = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: try await F.get(client, zaak + "?expand=status,rollen,resultaat").body))
        bodies.append(String(decoding: try JSONEncoder.sorted.encode(expanded), as: UTF8.self))
        for url in [
            zaak, "\(F.root)/zaken", "\(F.root)/statussen", "\(F.root)/rollen", "\(F.root)/zaakinformatieobjecten", "/catalogi/api/v1/zaaktypen",
            "/autorisaties/api/v1/applicaties", "\(D.root)/enkelvoudiginformatieobjecten", "\(D.root)/objectinformatieobjecten",
            "/besluiten/api/v1/besluiten", "/besluiten/api/v1/besluitinformatieobjecten",
        ] {
            let response = try await F.get(client, url)
            bodies.append("\(response.status) \(response.headers[.eTag] ?? "") \(String(buffer: response.body))")
        }
        return bodies
    }

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-\(UUID().uuidString.prefix(8))-\(name)").path
    }

    static func export(_ store: EventStore, _ scope: LogExporter.Scope, to path: String) async throws -> Int64 {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        return try await LogExporter(store: store).export(scope, to: handle)
    }

    static func load(_ path: String, into store: EventStore) async throws -> LogImporter.Summary {
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        var importer = LogImporter(store: store, projectors: ReadModels.projectors, finishing: ReadModels.counterRealignment)
        importer.batchSize = 7
        return try await importer.load(from: handle)
    }

    /// Reads an export's lines, lets `change` edit them, writes them back as a new export.
    static func rewrite(_ path: String, to target: String, _ change: (inout [String]) -> Void) throws {
        let reader = try LZ4FrameReader(input: try #require(FileHandle(forReadingAtPath: path)))
        var lines: [String] = []
        while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        change(&lines)
        FileManager.default.createFile(atPath: target, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: target))
        let writer = try LZ4FrameWriter(output: handle)
        for line in lines { try writer.write(Array((line + "\n").utf8)) }
        try writer.finish()
        try handle.close()
    }

    @Test("export → import into an empty store: positions, times and hashes kept, verify intact, read models byte-equal, the API answers the same")
    func roundTrip() async throws {
        try await F.run { server, client, types in
            let zaak = try await Self.populate(server, client, types)
            let before = try await Self.answers(client, zaak: zaak)
            let path = Self.temporaryFile("all.lz4")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let head = try await server.store.headPosition()
            #expect(try await Self.export(server.store, .all, to: path) == head)

            try await withTestStore(projectors: ReadModels.projectors, migrations: ReadModels.migrations) { imported in
                let summary = try await Self.load(path, into: imported)
                #expect(summary.events == head)
                #expect(try await imported.verify() == .intact(events: head, lastPosition: head))
                // The logs are the same row for row: positions, times, hashes, payloads (destroyed ones stay null).
                let columns = "position, stream_id, version, event_id, event_type, schema_version, data, metadata, recorded_at, payload_sha256, hash"
                func log(_ store: EventStore) async throws -> [String] {
                    try await store.client.query(PostgresQuery(unsafeSQL: "SELECT (row(\(columns)))::text FROM es.events ORDER BY position")).collect().map { try $0.decode(String.self) }
                }
                #expect(try await log(imported) == (try await log(server.store)))
                func streams(_ store: EventStore) async throws -> [String] {
                    try await store.client.query("SELECT (row(stream_id, category, version))::text FROM es.streams ORDER BY 1").collect().map { try $0.decode(String.self) }
                }
                #expect(try await streams(imported) == (try await streams(server.store)))
                #expect(try await ProjectionCheck.compare(live: server.store.client, rebuilt: imported.client, logger: imported.logger).isEmpty)

                // Secrets are not events: the operator sets them again; then the imported store answers as the original did.
                for try await (clientID, secret) in try await server.store.client.query("SELECT client_id, secret FROM auth.jwt_secrets").decode((String, String).self) {
                    try await imported.client.query("INSERT INTO auth.jwt_secrets (client_id, secret) VALUES (\(clientID), \(secret))")
                }
                let after = try await TestServer.serve(imported) { _, importedClient in try await Self.answers(importedClient, zaak: zaak) }
                #expect(before.dropFirst().map { String($0.prefix(3)) } == Array(repeating: "200", count: before.count - 1))
                #expect(after == before)

                // A store with a log is refused, and left as it was.
                await #expect(throws: LogArchiveError.storeNotEmpty(head: head)) { try await Self.load(path, into: imported) }
                #expect(try await imported.headPosition() == head)
            }
        }
    }

    @Test("a tampered, truncated, partial or foreign file is refused with the line and position, and nothing is imported")
    func refusals() async throws {
        try await F.run { server, client, types in
            let zaak = try await Self.populate(server, client, types)
            let path = Self.temporaryFile("all.lz4"), tampered = Self.temporaryFile("tampered.lz4"), partial = Self.temporaryFile("zaak.lz4")
            defer { for file in [path, tampered, partial] { try? FileManager.default.removeItem(atPath: file) } }
            try await Self.export(server.store, .all, to: path)

            try await withTestStore(projectors: ReadModels.projectors, migrations: ReadModels.migrations) { empty in
                func refused(_ file: String) async throws -> LogArchiveError? {
                    do {
                        _ = try await Self.load(file, into: empty)
                        Issue.record("\(file) was imported")
                        throw CancellationError()
                    } catch let error as LogArchiveError {
                        #expect(try await empty.headPosition() == 0, "nothing imported")
                        let rows = try await empty.client.query("SELECT count(*) FROM es.events").collect()
                        #expect(try rows.first?.decode(Int64.self) == 0)
                        return error
                    }
                }
                // A payload changed after export: found at its line (line 1 is the header, so position p is line p + 1).
                var zaakLine = 0
                try Self.rewrite(path, to: tampered) { lines in
                    zaakLine = lines.indices.first { $0 > 0 && lines[$0].contains(#""bronorganisatie": "002220647""#) } ?? 0
                    lines[zaakLine] = lines[zaakLine].replacingOccurrences(of: #""bronorganisatie": "002220647""#, with: #""bronorganisatie": "999999999""#)
                }
                #expect(zaakLine > 1)
                #expect(try await refused(tampered) == .tampered(line: zaakLine + 1, position: Int64(zaakLine), "the payload does not hash to its payload_sha256"))
                // Metadata changed (who did it): the chain hash gives it away.
                try Self.rewrite(path, to: tampered) { lines in
                    lines[5] = lines[5].replacingOccurrences(of: #""clientId": ""#, with: #""clientId": "x"#)
                }
                #expect(try await refused(tampered) == .tampered(line: 6, position: 5, "the event does not hash to its chain hash"))
                // A line removed.
                try Self.rewrite(path, to: tampered) { lines in lines.remove(at: 4) }
                #expect(try await refused(tampered) == .badLine(line: 5, "position 5 where 4 was expected (events missing or out of order)"))
                // The last lines cut off.
                try Self.rewrite(path, to: tampered) { lines in lines.removeLast(2) }
                guard case .truncated? = try await refused(tampered) else { Issue.record("a shortened export is refused as truncated"); return }
                // The file itself cut in half, or not an export at all.
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: tampered))
                guard case .truncated? = try await refused(tampered) else { Issue.record("a cut file is refused as truncated"); return }
                try Data("{\"not\": \"lz4\"}\n".utf8).write(to: URL(fileURLWithPath: tampered))
                guard case .lz4? = try await refused(tampered) else { Issue.record("a file that is not LZ4 is refused"); return }

                // A partial export is for reading: every line's link checks on its own, but it cannot become a log.
                let stream = "zaak-\(zaak.suffix(36))"
                let streamEvents = try await Self.export(server.store, .stream(stream), to: partial)
                #expect(streamEvents == (try await server.store.streamVersion(stream)))
                #expect(try await refused(partial) == .partialExport(stream: stream))
                let reader = try LZ4FrameReader(input: try #require(FileHandle(forReadingAtPath: partial)))
                _ = try reader.nextLine()
                var hasher = ChainHasher(), checked = 0
                while let line = try reader.nextLine() {
                    let event = try ImportedEvent(line: line, number: reader.lineNumber)
                    #expect(String(buffer: event.row.streamID) == stream)
                    #expect(hasher.link(previous: event.previousHash, event.row).elementsEqual(event.row.hash.readableBytesView))
                    checked += 1
                }
                #expect(Int64(checked) == streamEvents)
            }
        }
    }

    @Test("recorded_at round-trips to the microsecond, before and after 1970")
    func timestamps() {
        for micros: Int64 in [0, 1, -1, 1_795_763_836_264_581, -62_135_596_800_000_000, 253_402_300_799_999_999, 951_782_400_000_000] {
            #expect(Timestamp.parse(Timestamp.format(micros: micros)) == micros, "\(Timestamp.format(micros: micros))")
        }
        #expect(Timestamp.format(micros: 1_795_763_836_264_581) == "2026-11-27T07:17:16.264581Z")
        #expect(Timestamp.parse("2026-02-31T00:00:00.000000Z") == nil)
        #expect(Timestamp.parse("2026-11-29 07:17:16Z") == nil)
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
