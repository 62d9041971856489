import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Notifier
import Testing
import ZGWHTTP

@Suite("Notificaties API: kanaal, abonnement, notificaties")
struct NotificatiesAPITests {
    @Test("the standard kanalen are registered at start-up with their filters; list by naam, detail, create, unique naam")
    func kanalen() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("nrc", secret: "geheim")
            let list = try await client.execute(uri: "\(NRC.root)/kanaal", method: .get, headers: bearer(NRC.token))
            guard case .array(let all) = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: list.body)) else { Issue.record("no array"); return }
            #expect(all.count == Kanaal.standard.count)
            let zaken = try await client.execute(uri: "\(NRC.root)/kanaal?naam=zaken", method: .get, headers: bearer(NRC.token))
            guard case .array(let found) = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: zaken.body)), case .object(let kanaal)? = found.first
            else { Issue.record("no zaken kanaal"); return }
            #expect(found.count == 1)
            #expect(kanaal["filters"] == .array(["bronorganisatie", "zaaktype", "zaaktype.catalogus", "vertrouwelijkheidaanduiding"].map(JSONValue.string)))
            guard case .string(let url)? = kanaal["url"] else { Issue.record("no url"); return }
            let detail = try await client.execute(uri: ZaakTypenTests.path(url), method: .get, headers: bearer(NRC.token))
            try expectConforms(detail, to: "Kanaal", in: NRC.spec)
            #expect(try jsonObject(detail) == kanaal)

            let created = try await NRC.post(client, "kanaal", #"{"naam": "objecten", "documentatieLink": "https://example.nl/doc", "filters": ["objecttype"]}"#)
            #expect(created.status == .created)
            try expectConforms(created, to: "Kanaal", in: NRC.spec)
            let again = try await NRC.post(client, "kanaal", #"{"naam": "objecten"}"#)
            #expect(try problem(again).invalidParams?.map(\.code) == ["unique"])
            let bad = try await NRC.post(client, "kanaal", #"{"documentatieLink": "geen url", "filters": [true]}"#)
            #expect(Set(try problem(bad).invalidParams?.map(\.name) ?? []) == ["naam", "documentatieLink", "filters.0"])
            let unknown = try await client.execute(uri: "\(NRC.root)/kanaal?soort=x", method: .get, headers: bearer(NRC.token))
            #expect(try problem(unknown).invalidParams?.first?.code == "unknown-parameters")

            // PUT replaces, PATCH changes what it names; a name another kanaal has is refused.
            let objecten = try #require(created.headers[.location])
            let put = try await client.execute(
                uri: ZaakTypenTests.path(objecten), method: .put, headers: jsonHeaders(NRC.token), body: ByteBuffer(string: #"{"naam": "objecten", "filters": ["objecttype", "status"]}"#))
            #expect(put.status == .ok)
            try expectConforms(put, to: "Kanaal", in: NRC.spec)
            #expect(try jsonObject(put)["documentatieLink"] == .string(""))
            #expect(try jsonObject(put)["filters"] == .array([.string("objecttype"), .string("status")]))
            let patch = try await client.execute(
                uri: ZaakTypenTests.path(objecten), method: .patch, headers: jsonHeaders(NRC.token), body: ByteBuffer(string: #"{"naam": "zaken"}"#))
            #expect(try problem(patch).invalidParams?.map(\.code) == ["unique"])
            let renamed = try await client.execute(
                uri: ZaakTypenTests.path(objecten), method: .patch, headers: jsonHeaders(NRC.token), body: ByteBuffer(string: #"{"naam": "objects"}"#))
            #expect(try jsonObject(renamed)["filters"] == .array([.string("objecttype"), .string("status")]))
        }
    }

    @Test("scopes: reading needs consumeren or publiceren, creating a kanaal publiceren, an abonnement consumeren")
    func scopes() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("lezer", secret: "l", all: false, autorisaties: [Autorisatie(component: .nrc, scopes: ["notificaties.consumeren"])])
            let token = ZGWToken.make(clientID: "lezer", secret: "l")
            #expect(try await client.execute(uri: "\(NRC.root)/kanaal", method: .get, headers: bearer(token)).status == .ok)
            let kanaal = try await NRC.post(client, "kanaal", #"{"naam": "x"}"#, token: token)
            #expect(try problem(kanaal).code == "permission_denied")
            let publish = try await NRC.post(client, "notificaties", NRC.zaakMessage(1), token: token)
            #expect(publish.status == .forbidden)
        }
    }

    @Test("abonnement: the callback must answer the test message with 2xx, sent with the auth header; auth is write-only")
    func abonnementCallbackCheck() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("nrc", secret: "geheim")
            try await WebhookReceiver.run(respond: { _ in .internalServerError }) { refusing in
                let refused = try await NRC.post(
                    client, "abonnement", #"{"callbackUrl": "\#(refusing.url)", "auth": "Bearer x", "kanalen": [{"naam": "zaken"}]}"#)
                #expect(refused.status == .badRequest)
                #expect(try problem(refused).invalidParams?.map(\.code) == ["invalid-callback-url"])
                #expect(refusing.received.count == 1)
            }
            try await WebhookReceiver.run { receiver in
                let created = try await NRC.subscribe(client, receiver, kanalen: #"[{"naam": "zaken", "filters": {"bronorganisatie": "002220647"}}]"#)
                try expectConforms(created, to: "Abonnement", in: NRC.spec)
                let body = try jsonObject(created)
                #expect(body["auth"] == nil)
                #expect(receiver.received.first?.authorization == "Bearer abonnee")
                #expect(receiver.received.first?.body.contains(#""kanaal":"test""#) == true)
                let path = ZaakTypenTests.path(try #require(created.headers[.location]))
                let patched = try await client.execute(
                    uri: path, method: .patch, headers: jsonHeaders(NRC.token), body: ByteBuffer(string: #"{"auth": "Bearer nieuw"}"#))
                #expect(patched.status == .ok)
                #expect(receiver.received.last?.authorization == "Bearer nieuw")
                #expect(try jsonObject(patched)["kanalen"] == body["kanalen"])
                let list = try await client.execute(uri: "\(NRC.root)/abonnement", method: .get, headers: bearer(NRC.token))
                #expect(String(buffer: list.body).hasPrefix("[{"))
                #expect(try await client.execute(uri: path, method: .delete, headers: bearer(NRC.token)).status == .noContent)
                #expect(try await client.execute(uri: path, method: .get, headers: bearer(NRC.token)).status == .notFound)
            }
        }
    }

    @Test("abonnement: unknown kanaal, filters not of the kanaal, bad url and missing auth are 400s naming the field")
    func abonnementValidation() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("nrc", secret: "geheim")
            let response = try await NRC.post(
                client, "abonnement",
                #"{"callbackUrl": "geen-url", "kanalen": [{"naam": "bestaat-niet"}, {"naam": "zaken", "filters": {"kleur": "rood"}}, {"filters": 3}]}"#)
            let params = try problem(response).invalidParams ?? []
            #expect(Set(params.map { "\($0.name):\($0.code)" }) == [
                "callbackUrl:invalid", "auth:required", "kanalen.0.naam:kanaal_naam", "kanalen.1.filters:kenmerken_inconsistent",
                "kanalen.2.filters:invalid", "kanalen.2.naam:required",
            ])
        }
    }

    @Test("POST /notificaties: 201 with the message; unknown kanaal and kenmerken outside the kanaal's filters are 400s")
    func publishValidation() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("nrc", secret: "geheim")
            let published = try await NRC.post(client, "notificaties", NRC.zaakMessage(1))
            #expect(published.status == .created)
            try expectConforms(published, to: "Message", in: NRC.spec)
            let unknown = try await NRC.post(client, "notificaties", NRC.zaakMessage(1).replacingOccurrences(of: #""zaken""#, with: #""onbekend""#))
            #expect(try problem(unknown).invalidParams?.map(\.code) == ["message_kanaal"])
            let inconsistent = try await NRC.post(
                client, "notificaties", NRC.zaakMessage(1).replacingOccurrences(of: #""bronorganisatie""#, with: #""kleur""#))
            #expect(try problem(inconsistent).invalidParams?.map(\.code) == ["kenmerken_inconsistent"])
            let empty = try await NRC.post(client, "notificaties", #"{"aanmaakdatum": "gisteren", "kenmerken": []}"#)
            #expect(Set(try problem(empty).invalidParams?.map(\.name) ?? []) == ["kanaal", "hoofdObject", "resourceUrl", "resource", "actie", "aanmaakdatum", "kenmerken"])
        }
    }
}
