import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

/// A server with a published zaaktype (two statustypen, a roltype, an eigenschap, a resultaattype that
/// archives one year after closing) and an all-autorisaties client, for the Zaken API tests.
struct ZakenFixture: Sendable {
    static let root = "/zaken/api/v1"
    static let token = ZaakTypenTests.token
    static let spec = "zaken-1.5.1-vng.yaml"

    let zaaktype: String
    let catalogus: String
    let ontvangen: String
    let afgehandeld: String
    let roltype: String
    let eigenschap: String
    let resultaattype: String
    /// An informatieobjecttype of the zaaktype, and one that is not.
    let iot: String
    let otherIOT: String
    /// A published besluittype of the zaaktype, whose documents are of `iot`.
    let besluittype: String

    static func run(
        uploadChunkSize: Int64 = 4 << 30, _ body: @Sendable (TestServer, any TestClientProtocol, ZakenFixture) async throws -> Void
    ) async throws {
        try await SelectielijstStub.run { selectielijst in
            try await TestServer.run(uploadChunkSize: uploadChunkSize, selectielijstURL: selectielijst) { server, client in
                let catalogus = try await ZaakTypenTests.setUp(server, client)
                let (klasse, procestype) = try SelectielijstStub.resultaat(where: { ($0["procestermijn"] as? String) == "nihil" })
                let iot = try await BesluitTypenTests.iot(client, catalogus: catalogus, omschrijving: "Aanvraag")
                let otherIOT = try await BesluitTypenTests.iot(client, catalogus: catalogus, omschrijving: "Overig")
                for type in [iot, otherIOT] {
                    _ = try await client.execute(uri: ZaakTypenTests.path(type) + "/publish", method: .post, headers: bearer(token))
                }
                let besluittype = try #require(try await BesluitTypenTests.post(client, "besluittypen", BesluitTypenTests.besluittype(catalogus: catalogus, iots: [iot])).headers[.location])
                _ = try await client.execute(uri: ZaakTypenTests.path(besluittype) + "/publish", method: .post, headers: bearer(token))
                let zaaktype = try #require(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(
                    catalogus: catalogus, besluittypen: [besluittype], extra: #", "selectielijstProcestype": "\#(selectielijst)/procestypen/\#(procestype)""#)).headers[.location])
                func sub(_ collection: String, _ json: String) async throws -> String {
                    let response = try await ZaakTypeSubTypesTests.post(client, collection, json)
                    #expect(response.status == .created, "\(collection): \(String(buffer: response.body))")
                    return try #require(response.headers[.location])
                }
                let ontvangen = try await sub("statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Ontvangen", "volgnummer": 1}"#)
                let afgehandeld = try await sub("statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Afgehandeld", "volgnummer": 2}"#)
                let roltype = try await sub("roltypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}"#)
                let eigenschap = try await sub("eigenschappen", #"""
                    {"zaaktype": "\#(zaaktype)", "naam": "kenmerk", "definitie": "Een kenmerk",
                     "specificatie": {"formaat": "tekst", "lengte": "20", "kardinaliteit": "1", "waardenverzameling": []}}
                    """#)
                let resultaattype = try await sub("resultaattypen", try ResultaatTypenTests.resultaattype(
                    zaaktype: zaaktype, selectielijst: selectielijst, klasse: "\(selectielijst)/resultaten/\(klasse)",
                    extra: #", "archiefnominatie": "vernietigen", "archiefactietermijn": "P1Y", "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld", "datumkenmerk": "", "einddatumBekend": false, "objecttype": "", "registratie": "", "procestermijn": null}"#))
                #expect(try await ZaakTypeInformatieObjectTypenTests.link(client, zaaktype: zaaktype, iot: iot).status == .created)
                let published = try await client.execute(uri: ZaakTypenTests.path(zaaktype) + "/publish", method: .post, headers: bearer(token))
                #expect(published.status == .ok, "publish: \(String(buffer: published.body))")
                try await body(server, client, ZakenFixture(
                    zaaktype: zaaktype, catalogus: catalogus, ontvangen: ontvangen, afgehandeld: afgehandeld, roltype: roltype,
                    eigenschap: eigenschap, resultaattype: resultaattype, iot: iot, otherIOT: otherIOT, besluittype: besluittype))
            }
        }
    }

    func zaak(_ extra: String = "") -> String {
        #"{"zaaktype": "\#(zaaktype)", "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-03-01"\#(extra)}"#
    }

    static func headers(_ token: String = token) -> HTTPFields {
        var headers = jsonHeaders(token)
        headers[HTTPField.Name("Accept-Crs")!] = "EPSG:4326"
        headers[HTTPField.Name("Content-Crs")!] = "EPSG:4326"
        return headers
    }

    static func post(_ client: some TestClientProtocol, _ collection: String, _ json: String, token: String = token) async throws -> TestResponse {
        try await client.execute(uri: "\(root)/\(collection)", method: .post, headers: headers(token), body: ByteBuffer(string: json))
    }

    static func send(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ url: String, _ json: String? = nil, token: String = token) async throws -> TestResponse {
        let uri = url.hasPrefix("http") ? ZaakTypenTests.path(url) : url
        return try await client.execute(uri: uri, method: method, headers: headers(token), body: json.map { ByteBuffer(string: $0) })
    }

    static func get(_ client: some TestClientProtocol, _ url: String, token: String = token) async throws -> TestResponse {
        try await send(client, .get, url, token: token)
    }
}
