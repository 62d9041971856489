import Domain
import EventStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Notifier
import Testing
import ZGWHTTP

/// Every kanaal that has events today: the messages its writes publish (kanaal, resource, actie, kenmerken).
@Suite("Notifier: events become the standard's messages")
struct NotifierKanaalTests {
    static func write(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ url: String, _ json: String = "") async throws -> TestResponse {
        try await client.execute(
            uri: url.hasPrefix("http") ? ZaakTypenTests.path(url) : url, method: method, headers: jsonHeaders(NRC.token),
            body: json.isEmpty ? nil : ByteBuffer(string: json))
    }

    /// `(resource, actie, resourceUrl)` of each message, in order.
    static func summary(_ messages: [NotificationMessage]) -> [String] {
        messages.map { "\($0.resource) \($0.actie) \($0.resourceUrl)" }
    }

    @Test("zaaktypen: create, partial_update, publish (an update) and destroy, each with the catalogus kenmerk; statustypen do not notify")
    func zaaktypen() async throws {
        try await TestServer.runWithNotifier { server, client in
            try await WebhookReceiver.run { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaaktypen"}]"#)
                let catalogus = try await ZaakTypenTests.setUp(server, client)
                let zaaktype = try #require(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus)).headers[.location])
                _ = try await Self.write(client, .patch, zaaktype, #"{"doel": "Anders"}"#)
                let statustype = try await ZaakTypenTests.post(
                    client, "statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Ontvangen", "volgnummer": 1}"#)
                #expect(statustype.status == .created)
                _ = try await Self.write(client, .post, zaaktype + "/publish")
                let concept = try #require(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus)).headers[.location])
                #expect(try await Self.write(client, .delete, concept).status == .noContent)
                try await receiver.waitUntil { $0.count >= 5 }
                let messages = receiver.messages
                #expect(Self.summary(messages) == [
                    "zaaktype create \(zaaktype)", "zaaktype partial_update \(zaaktype)", "zaaktype update \(zaaktype)",
                    "zaaktype create \(concept)", "zaaktype destroy \(concept)",
                ])
                #expect(messages.allSatisfy { $0.kanaal == "zaaktypen" && $0.hoofdObject == $0.resourceUrl && $0.kenmerken == ["catalogus": catalogus] })
                #expect(receiver.received.last?.authorization == "Bearer abonnee")
            }
        }
    }

    @Test("zaken: the zaak and what is under it notify with the zaak's kenmerken; an abonnement's filter on bronorganisatie holds")
    func zaken() async throws {
        try await TestServer.runWithNotifier { server, client in
            try await WebhookReceiver.run { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaken", "filters": {"bronorganisatie": "002220647"}}]"#)
                let catalogus = try await ZaakTypenTests.setUp(server, client)
                let zaaktype = try #require(try await ZaakTypenTests.post(client, "zaaktypen", ZaakTypenTests.zaaktype(catalogus: catalogus)).headers[.location])
                let statustype = try #require(try await ZaakTypenTests.post(
                    client, "statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Ontvangen", "volgnummer": 1}"#).headers[.location])
                _ = try await ZaakTypenTests.post(client, "statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Afgehandeld", "volgnummer": 2}"#)
                _ = try await Self.write(client, .post, zaaktype + "/publish")
                let zaakJSON = #"{"zaaktype": "\#(zaaktype)", "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-03-01"}"#
                let zaak = try #require(try await ZakenFixture.post(client, "zaken", zaakJSON, token: NRC.token).headers[.location])
                let status = try #require(try await ZakenFixture.post(
                    client, "statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(statustype)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#, token: NRC.token).headers[.location])
                #expect(try await ZakenFixture.send(client, .patch, zaak, #"{"omschrijving": "Dakkapel"}"#, token: NRC.token).status == .ok)
                // Another bronorganisatie does not pass the abonnement's filter.
                _ = try await ZakenFixture.post(client, "zaken", zaakJSON.replacingOccurrences(of: #""bronorganisatie": "002220647""#, with: #""bronorganisatie": "000000000""#), token: NRC.token)
                #expect(try await ZakenFixture.send(client, .delete, zaak, token: NRC.token).status == .noContent)
                try await receiver.waitUntil { $0.count >= 4 }
                try await Task.sleep(for: .milliseconds(300))
                let messages = receiver.messages
                #expect(Self.summary(messages) == ["zaak create \(zaak)", "status create \(status)", "zaak partial_update \(zaak)", "zaak destroy \(zaak)"])
                #expect(messages.allSatisfy {
                    $0.kanaal == "zaken" && $0.hoofdObject == zaak && $0.kenmerken == [
                        "bronorganisatie": "002220647", "zaaktype": zaaktype, "zaaktype.catalogus": catalogus, "vertrouwelijkheidaanduiding": "openbaar",
                    ]
                })
            }
        }
    }

    @Test("informatieobjecttypen: create and destroy with the catalogus kenmerk")
    func informatieobjecttypen() async throws {
        try await TestServer.runWithNotifier { server, client in
            try await WebhookReceiver.run { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "informatieobjecttypen"}]"#)
                let catalogus = try await ZaakTypenTests.setUp(server, client)
                let iot = try await BesluitTypenTests.iot(client, catalogus: catalogus, omschrijving: "Brief")
                #expect(try await Self.write(client, .delete, iot).status == .noContent)
                try await receiver.waitUntil { $0.count >= 2 }
                #expect(Self.summary(receiver.messages) == ["informatieobjecttype create \(iot)", "informatieobjecttype destroy \(iot)"])
                #expect(receiver.messages.allSatisfy { $0.kanaal == "informatieobjecttypen" && $0.kenmerken == ["catalogus": catalogus] })
            }
        }
    }

    @Test("besluittypen: create and publish (an update) with the catalogus kenmerk; a filter on another catalogus gets nothing")
    func besluittypen() async throws {
        try await TestServer.runWithNotifier { server, client in
            try await WebhookReceiver.run { receiver in
                try await WebhookReceiver.run { other in
                    let catalogus = try await ZaakTypenTests.setUp(server, client)
                    try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "besluittypen", "filters": {"catalogus": "\#(catalogus)"}}]"#)
                    try await NRC.subscribe(client, other, kanalen: #"[{"naam": "besluittypen", "filters": {"catalogus": "\#(catalogus)x"}}]"#)
                    let besluittype = try #require(
                        try await BesluitTypenTests.post(client, "besluittypen", BesluitTypenTests.besluittype(catalogus: catalogus, iots: [])).headers[.location])
                    _ = try await Self.write(client, .post, besluittype + "/publish")
                    try await receiver.waitUntil { $0.count >= 2 }
                    #expect(Self.summary(receiver.messages) == ["besluittype create \(besluittype)", "besluittype update \(besluittype)"])
                    #expect(receiver.messages.allSatisfy { $0.kanaal == "besluittypen" && $0.kenmerken == ["catalogus": catalogus] })
                    #expect(other.messages.isEmpty)
                }
            }
        }
    }

    @Test("autorisaties: applicatie create, update and destroy, without kenmerken")
    func autorisaties() async throws {
        try await TestServer.runWithNotifier { server, client in
            try await WebhookReceiver.run { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "autorisaties"}]"#)
                let created = try await Self.write(
                    client, .post, "/autorisaties/api/v1/applicaties", #"{"clientIds": ["portaal"], "label": "Portaal", "heeftAlleAutorisaties": true}"#)
                let url = try #require(created.headers[.location])
                _ = try await Self.write(client, .put, url, #"{"clientIds": ["portaal"], "label": "Portaal 2", "heeftAlleAutorisaties": true}"#)
                #expect(try await Self.write(client, .delete, url).status == .noContent)
                // The test client's own applicatie (created first) may notify too.
                try await receiver.waitUntil { $0.filter { $0.resourceUrl == url }.count >= 3 }
                let messages = receiver.messages.filter { $0.resourceUrl == url }
                #expect(Self.summary(messages) == ["applicatie create \(url)", "applicatie update \(url)", "applicatie destroy \(url)"])
                #expect(receiver.messages.allSatisfy { $0.kanaal == "autorisaties" && $0.kenmerken.isEmpty && $0.hoofdObject == $0.resourceUrl })
            }
        }
    }

    @Test("an event carrying a notificatie object is published as that message, its stored URLs rendered with the public base URL")
    func embeddedNotificatie() async throws {
        try await TestServer.runWithNotifier { server, client in
            try await WebhookReceiver.run { receiver in
                try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaken", "filters": {"bronorganisatie": "002220647"}}]"#)
                let zaak = UUID(), status = UUID()
                let marker = ResourceURL.marker
                // The shape of a zaak stream's events (`ZaakEvent`), which the zaak projector reads too.
                let payload: [String: JSONValue] = [
                    "uuid": .string(status.uuidString.lowercased()),
                    "state": .object(["statustoelichting": .string("ontvangen")]),
                    "notificatie": .object([
                        "kanaal": .string("zaken"), "hoofdObject": .string("\(marker)/zaken/api/v1/zaken/\(zaak)"), "resource": .string("status"),
                        "resourceUrl": .string("\(marker)/zaken/api/v1/statussen/\(status)"),
                        "kenmerken": .object([
                            "bronorganisatie": .string("002220647"), "zaaktype": .string("\(marker)/catalogi/api/v1/zaaktypen/1"),
                            "vertrouwelijkheidaanduiding": .string("openbaar"),
                        ]),
                    ]),
                ]
                let positions = try await server.store.append(
                    to: "zaak-\(zaak)", expectedVersion: .noStream, events: [try NewEvent(type: "status.created", payload: payload)],
                    metadata: EventMetadata(method: "POST", actie: "create"))
                try await receiver.waitUntil { !$0.isEmpty }
                let recorded = try #require(try await server.store.readAll(after: (positions?.lowerBound ?? 1) - 1, limit: 1).first)
                let base = TestServer.baseURL
                #expect(receiver.messages == [
                    NotificationMessage(
                        kanaal: "zaken", hoofdObject: "\(base)/zaken/api/v1/zaken/\(zaak)", resource: "status", resourceUrl: "\(base)/zaken/api/v1/statussen/\(status)",
                        actie: "create", aanmaakdatum: Date(timeIntervalSince1970: recorded.recordedAt.timeIntervalSince1970.rounded(.down)),
                        kenmerken: ["bronorganisatie": "002220647", "zaaktype": "\(base)/catalogi/api/v1/zaaktypen/1", "vertrouwelijkheidaanduiding": "openbaar"])
                ])
            }
        }
    }
}

@Suite("Notifier: documenten and besluiten kanalen")
struct NotifierDocumentenBesluitenTests {
    @Test("documenten: a document's create, partial_update and gebruiksrechten notify with the document's kenmerken; besluiten with the besluit's")
    func documentenAndBesluiten() async throws {
        try await ZakenFixture.run { server, client, fixture in
            try await server.addClient("nrc", secret: "geheim")
            try await withServices(server.notifier.services) {
                try await WebhookReceiver.run { receiver in
                    try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "documenten", "filters": {}}, {"naam": "besluiten", "filters": {}}]"#)
                    let document = try await D.create(client, fixture)
                    let lock = try await D.lock(client, document)
                    #expect(try await D.send(client, .patch, document, #"{"titel": "Twee", "lock": "\#(lock)"}"#).status == .ok)
                    let recht = try #require(try await D.post(
                        client, "gebruiksrechten", #"{"informatieobject": "\#(document)", "startdatum": "2026-03-01T00:00:00Z", "omschrijvingVoorwaarden": "geen"}"#
                    ).headers[.location])
                    let besluit = try #require(try await BesluitenTests.post(client, "besluiten", BesluitenTests.besluit(fixture)).headers[.location])
                    try await receiver.waitUntil { $0.count >= 4 }
                    try await Task.sleep(for: .milliseconds(300))
                    let messages = receiver.messages
                    #expect(NotifierKanaalTests.summary(messages) == [
                        "enkelvoudiginformatieobject create \(document)", "enkelvoudiginformatieobject partial_update \(document)",
                        "gebruiksrechten create \(recht)", "besluit create \(besluit)",
                    ])
                    #expect(messages.prefix(3).allSatisfy {
                        $0.kanaal == "documenten" && $0.hoofdObject == document && $0.kenmerken == [
                            "bronorganisatie": "002220647", "informatieobjecttype": fixture.iot, "informatieobjecttype.catalogus": fixture.catalogus,
                            "vertrouwelijkheidaanduiding": "openbaar",
                        ]
                    })
                    #expect(messages.last?.kanaal == "besluiten")
                    #expect(messages.last?.kenmerken == [
                        "verantwoordelijkeOrganisatie": "002220647", "besluittype": fixture.besluittype, "besluittype.catalogus": fixture.catalogus,
                    ])
                }
            }
        }
    }
}
