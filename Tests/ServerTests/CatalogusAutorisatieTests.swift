import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

/// Autorisaties for a whole catalogus (Open Zaak's catalogus autorisaties): every type of the catalogus,
/// including types made after the autorisatie, in lists (SQL) and details alike.
@Suite("Autorisaties per catalogus")
struct CatalogusAutorisatieTests {
    typealias F = ZakenFixture

    @Test("an autorisatie for a catalogus covers its zaaktypen and informatieobjecttypen, also ones published later; another catalogus' covers nothing")
    func catalogusCoversItsTypes() async throws {
        try await F.run { server, client, fixture in
            let zaak = try #require(try await F.post(client, "zaken", fixture.zaak()).headers[.location])
            let other = try await BesluitTypenTests.catalogus(client, domein: "ANDER")
            try await server.addClient("catalogus", secret: "c", all: false, autorisaties: [
                Autorisatie(component: .zrc, scopes: ["zaken.lezen"], maxVertrouwelijkheidaanduiding: .zeerGeheim, catalogus: fixture.catalogus),
                Autorisatie(component: .drc, scopes: ["documenten.lezen"], maxVertrouwelijkheidaanduiding: .zeerGeheim, catalogus: fixture.catalogus),
            ])
            try await server.addClient("ander", secret: "a", all: false, autorisaties: [
                Autorisatie(component: .zrc, scopes: ["zaken.lezen"], maxVertrouwelijkheidaanduiding: .zeerGeheim, catalogus: other),
                Autorisatie(component: .drc, scopes: ["documenten.lezen"], maxVertrouwelijkheidaanduiding: .zeerGeheim, catalogus: other),
            ])
            let covered = ZGWToken.make(clientID: "catalogus", secret: "c"), uncovered = ZGWToken.make(clientID: "ander", secret: "a")
            #expect(try jsonObject(try await F.get(client, "\(F.root)/zaken", token: covered))["count"] == .number(1))
            #expect(try await F.get(client, zaak, token: covered).status == .ok)
            #expect(try jsonObject(try await F.get(client, "\(F.root)/zaken", token: uncovered))["count"] == .number(0))
            #expect(try await F.get(client, zaak, token: uncovered).status == .forbidden)

            // An informatieobjecttype published after the autorisaties were given.
            let later = try await BesluitTypenTests.iot(client, catalogus: fixture.catalogus, omschrijving: "Later")
            _ = try await client.execute(uri: ZaakTypenTests.path(later) + "/publish", method: .post, headers: bearer(F.token))
            let document = try #require(try await D.post(client, "enkelvoudiginformatieobjecten", D.document(fixture).replacingOccurrences(of: fixture.iot, with: later)).headers[.location])
            #expect(try await D.send(client, .get, document, token: covered).status == .ok)
            #expect(try jsonObject(try await D.send(client, .get, "\(D.root)/enkelvoudiginformatieobjecten", token: covered))["count"] == .number(1))
            #expect(try await D.send(client, .get, document, token: uncovered).status == .forbidden)
        }
    }
}
