import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP
@testable import CommandAPI

/// zrc-005, brc-005, brc-006 when the other side is another ZGW API: the mirror is made there over HTTP after
/// our side committed, removed there with ours, and a refusal there is a 400 that leaves nothing here.
@Suite("Mirrored relations in external ZGW APIs")
struct ExternalRelationsTests {
    typealias F = ZakenFixture

    @Test("zrc-005 / brc-005 / brc-006: external documents and zaken get their objectinformatieobject and zaakbesluit over HTTP, removed with ours")
    func externalMirrors() async throws {
        try await ZaakResourcesTests.run { _, client, fixture, stub in
            let document = stub.put("/documenten/api/v1/enkelvoudiginformatieobjecten/1", #"{"titel": "Aanvraag", "informatieobjecttype": "\#(fixture.iot)"}"#)
            let zaak = try #require(try await F.post(client, "zaken", fixture.zaak()).headers[.location])
            let zio = try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)"}"#)
            #expect(zio.status == .created, "\(String(buffer: zio.body))")
            #expect(stub.calls.last?.hasPrefix("POST /documenten/api/v1/objectinformatieobjecten") == true)
            #expect(stub.calls.last?.contains(#""objectType":"zaak""#) == true)
            #expect(try await F.send(client, .delete, try #require(zio.headers[.location])).status == .noContent)

            // A besluit of an external zaak: the zaakbesluit is posted to that zaak.
            let remoteZaak = stub.put("/zaken/api/v1/zaken/7", #"{"zaaktype": "\#(fixture.zaaktype)"}"#)
            let besluit = try await BesluitenTests.post(client, "besluiten", BesluitenTests.besluit(fixture, #", "zaak": "\#(remoteZaak)""#))
            #expect(besluit.status == .created, "\(String(buffer: besluit.body))")
            let url = try #require(besluit.headers[.location])
            #expect(stub.calls.last == #"POST /zaken/api/v1/zaken/7/besluiten {"besluit":"\#(url)"}"#)
            let bio = try await BesluitenTests.post(client, "besluitinformatieobjecten", #"{"besluit": "\#(url)", "informatieobject": "\#(document)"}"#)
            #expect(bio.status == .created, "\(String(buffer: bio.body))")
            #expect(stub.calls.last?.contains(#""objectType":"besluit""#) == true)
        }
    }

    @Test("brc-006: a refusal by the external Zaken API is a 400 and leaves no besluit here")
    func refusedRemotely() async throws {
        try await ZaakResourcesTests.run { _, client, fixture, stub in
            let remoteZaak = stub.put("/zaken/api/v1/zaken/8", #"{"zaaktype": "\#(fixture.zaaktype)"}"#)
            stub.refusePosts(.badRequest)
            let refused = try await BesluitenTests.post(client, "besluiten", BesluitenTests.besluit(fixture, #", "zaak": "\#(remoteZaak)""#))
            #expect(refused.status == .badRequest)
            #expect(try D.codes(refused) == ["remote-relation-failed"])
            #expect(try jsonObject(try await D.send(client, .get, "\(BesluitenTests.root)/besluiten"))["count"] == .number(0))
            let document = stub.put("/documenten/api/v1/enkelvoudiginformatieobjecten/3", #"{"titel": "Aanvraag", "informatieobjecttype": "\#(fixture.iot)"}"#)
            let zaak = try #require(try await F.post(client, "zaken", fixture.zaak()).headers[.location])
            let zio = try await F.post(client, "zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)"}"#)
            #expect(try D.codes(zio) == ["remote-relation-failed"])
            #expect(try ZaakResourcesTests.array(try await F.get(client, "\(F.root)/zaakinformatieobjecten?zaak=\(zaak)")).isEmpty)
        }
    }
}

@Suite("Credentials for external ZGW APIs")
struct ExternalServicesTests {
    @Test("a configured API root matches URLs under it by whole path segments only, the longest root first")
    func matchesWholeSegments() {
        let services = ExternalServices(services: [
            .init(apiRoot: "https://zaken.example.nl/zaken/api/v1", clientId: "a", secret: "s"),
            .init(apiRoot: "https://zaken.example.nl", clientId: "b", secret: "s"),
        ])
        #expect(Self.clientID(services.authorization(for: "https://zaken.example.nl/zaken/api/v1/zaken/1")) == "a")
        #expect(Self.clientID(services.authorization(for: "https://zaken.example.nl/other")) == "b")
        #expect(services.authorization(for: "https://zaken.example.nl.evil.example/zaken/api/v1/zaken/1") == nil)
    }

    /// The `client_id` claim of a `Bearer <JWT>` header.
    static func clientID(_ header: String?) -> String? {
        guard let token = header?.split(separator: " ").last, case let parts = token.split(separator: "."), parts.count == 3 else { return nil }
        var payload = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        guard let data = Data(base64Encoded: payload), let claims = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return claims["client_id"] as? String
    }
}
