import CatalogiExchange
import Domain
import EventStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

/// What the catalogi import/export tests share: a catalogus with every kind of object made through the API,
/// the x-import and x-export calls, and the log's size (a refused import leaves it unchanged).
enum CatalogiExchangeFixture {
    static let root = ZaakTypenTests.root
    static let token = ZaakTypenTests.token

    /// The URLs of the objects `build` made.
    struct Catalogus {
        var catalogus: String
        var zaaktype: String
        var informatieobjecttypen: [String]
        var besluittype: String
    }

    /// A catalogus with two informatieobjecttypen, a besluittype, and a zaaktype (with a Selectielijst procestype)
    /// with two statustypen, a roltype, a zaaktype-informatieobjecttype, a resultaattype, an eigenschap and a
    /// zaakobjecttype; all published when `publish`. A second, concept zaaktype stays a concept.
    static func build(_ server: TestServer, _ client: some TestClientProtocol, selectielijst: String, domein: String = "BUR", publish: Bool = true) async throws -> Catalogus {
        let catalogus = try await ZaakTypenTests.setUp(server, client, domein: domein)
        func post(_ collection: String, _ json: String) async throws -> String {
            let response = try await ZaakTypenTests.post(client, collection, json)
            #expect(response.status == .created, "\(collection): \(String(buffer: response.body))")
            return try #require(response.headers[.location])
        }
        let brief = try await post("informatieobjecttypen", #"""
            {"catalogus": "\#(catalogus)", "omschrijving": "Aanvraag", "vertrouwelijkheidaanduiding": "openbaar", "beginGeldigheid": "2026-01-01",
             "informatieobjectcategorie": "Formulier", "trefwoord": ["aanvraag"]}
            """#)
        let besluit = try await post("informatieobjecttypen", #"""
            {"catalogus": "\#(catalogus)", "omschrijving": "Besluitbrief", "vertrouwelijkheidaanduiding": "zaakvertrouwelijk", "beginGeldigheid": "2026-01-01",
             "informatieobjectcategorie": "Brief"}
            """#)
        let besluittype = try await post("besluittypen", #"""
            {"catalogus": "\#(catalogus)", "omschrijving": "Vergunning", "publicatieIndicatie": false, "informatieobjecttypen": ["\#(besluit)"],
             "beginGeldigheid": "2026-01-01", "reactietermijn": "P6W"}
            """#)
        let (klasse, procestype) = try SelectielijstStub.resultaat(where: { ($0["procestermijn"] as? String) == "bestaansduur_procesobject" })
        let zaaktype = try await post("zaaktypen", ZaakTypenTests.zaaktype(
            catalogus: catalogus, besluittypen: [besluittype], extra: #", "selectielijstProcestype": "\#(selectielijst)/procestypen/\#(procestype)""#))
        let ontvangen = try await post("statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Ontvangen", "volgnummer": 1}"#)
        _ = try await post("statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Afgehandeld", "volgnummer": 2, "informeren": true}"#)
        _ = try await post("roltypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}"#)
        _ = try await post("zaaktype-informatieobjecttypen", #"""
            {"zaaktype": "\#(zaaktype)", "informatieobjecttype": "\#(brief)", "volgnummer": 1, "richting": "inkomend", "statustype": "\#(ontvangen)"}
            """#)
        _ = try await post("resultaattypen", try ResultaatTypenTests.resultaattype(
            zaaktype: zaaktype, selectielijst: selectielijst, klasse: "\(selectielijst)/resultaten/\(klasse)",
            extra: #", "besluittypen": ["\#(besluittype)"], "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"}"#))
        _ = try await post("eigenschappen", #"""
            {"zaaktype": "\#(zaaktype)", "naam": "Oppervlakte", "definitie": "In m2", "statustype": "\#(ontvangen)",
             "specificatie": {"formaat": "getal", "lengte": "6", "kardinaliteit": "1", "waardenverzameling": []}}
            """#)
        _ = try await post("zaakobjecttypen", #"""
            {"zaaktype": "\#(zaaktype)", "anderObjecttype": false, "objecttype": "https://objecttypen.example.nl/api/v1/objecttypen/1",
             "relatieOmschrijving": "Perceel"}
            """#)
        if publish {
            for url in [brief, besluit, besluittype, zaaktype] {
                let published = try await client.execute(uri: ZaakTypenTests.path(url) + "/publish", method: .post, headers: jsonHeaders(token))
                #expect(published.status == .ok, "\(String(buffer: published.body))")
            }
        }
        _ = try await post("zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus, extra: #", "identificatie": "CONCEPT-1""#))
        return Catalogus(catalogus: catalogus, zaaktype: zaaktype, informatieobjecttypen: [brief, besluit], besluittype: besluittype)
    }

    /// `GET …/catalogussen/{uuid}/x-export[?zaaktype=]`, expected to be a 200 ZIP.
    static func export(_ client: some TestClientProtocol, catalogus: String, zaaktype: String? = nil) async throws -> Data {
        let query = zaaktype.map { "?zaaktype=\($0)" } ?? ""
        let response = try await client.execute(uri: ZaakTypenTests.path(catalogus) + "/x-export" + query, method: .get, headers: bearer(token))
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        #expect(response.headers[.contentType] == "application/zip")
        return Data(buffer: response.body)
    }

    /// `POST /catalogi/api/v1/x-import` with `file` and the option fields.
    static func importFile(_ client: some TestClientProtocol, _ file: Data, _ fields: [(String, String)] = []) async throws -> TestResponse {
        let boundary = "zaakstroom-test-boundary"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.zip\"\r\nContent-Type: application/zip\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await client.execute(
            uri: "\(root)/x-import", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    static func report(_ response: TestResponse) throws -> CatalogiImportReport {
        try JSONDecoder().decode(CatalogiImportReport.self, from: Data(buffer: response.body))
    }

    static func eventCount(_ server: TestServer) async throws -> Int {
        try await server.store.headPosition().asInt
    }

    /// A JSON body as an object.
    static func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri.hasPrefix("http") ? ZaakTypenTests.path(uri) : uri, method: .get, headers: bearer(token))
    }
}

extension Int64 {
    var asInt: Int { Int(self) }
}
