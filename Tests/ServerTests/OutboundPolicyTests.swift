import CommandAPI
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notifier
import Testing
import ZGWHTTP
import ZaakstroomServer

/// Outbound calls (SSRF): by default the server fetches resources only from hosts the operator named, and
/// posts webhooks only to public addresses. Refusals are 400 `bad-url` with a reason, without a connection.
@Suite("Outbound calls: named hosts for resources, public addresses for webhooks")
struct OutboundPolicyTests {
    typealias F = ZakenFixture
    /// A Selectielijst on a host of its own, so that the test stubs' 127.0.0.1 is named by nothing.
    static let elsewhere = "http://selectielijst.invalid/api/v1"

    /// The server as configured without `ZAAKSTROOM_OUTBOUND_HOSTS`, with the beheer client.
    static func runByDefault(_ body: @Sendable (TestServer, any TestClientProtocol) async throws -> Void) async throws {
        try await TestServer.run(selectielijstURL: elsewhere, outboundHosts: []) { server, client in
            try await server.addClient("beheer", secret: "geheim")
            try await server.addClient("nrc", secret: "geheim")
            try await body(server, client)
        }
    }

    static func zaak(zaaktype: String) -> String {
        #"{"zaaktype": "\#(zaaktype)", "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-03-01"}"#
    }

    @Test("by default a zaaktype on an unnamed host (127.0.0.1, or localhost, which resolves to it) is bad-url and no request reaches it")
    func resourceOnUnnamedHostIsRefused() async throws {
        try await ExternalResourcesStub.run { stub in
            let zaaktype = stub.put("/catalogi/api/v1/zaaktypen/1", "{}")
            let port = try #require(URLComponents(string: stub.base)?.port)
            try await Self.runByDefault { _, client in
                for url in [zaaktype, "http://localhost:\(port)/catalogi/api/v1/zaaktypen/1", "http://169.254.169.254/latest/meta-data/"] {
                    let response = try await F.post(client, "zaken", Self.zaak(zaaktype: url))
                    let param = try #require(try problem(response).invalidParams?.first)
                    #expect(param.name == "zaaktype" && param.code == "bad-url", "\(url)")
                    #expect(param.reason.contains("ZAAKSTROOM_OUTBOUND_HOSTS"), "\(param.reason)")
                }
            }
            #expect(stub.gets.isEmpty)
        }
    }

    @Test("a host named in the outbound hosts is fetched (a 200 that is no zaaktype is then invalid-resource)")
    func namedHostIsFetched() async throws {
        try await ExternalResourcesStub.run { stub in
            let zaaktype = stub.put("/catalogi/api/v1/zaaktypen/1", "{}")
            try await TestServer.run(selectielijstURL: Self.elsewhere, outboundHosts: ["127.0.0.1"]) { server, client in
                try await server.addClient("beheer", secret: "geheim")
                let response = try await F.post(client, "zaken", Self.zaak(zaaktype: zaaktype))
                #expect(try problem(response).invalidParams?.first.map { [$0.name, $0.code] } == ["zaaktype", "invalid-resource"])
            }
            #expect(stub.gets == ["/catalogi/api/v1/zaaktypen/1"])
        }
    }

    @Test("a redirect is not followed: a named host that redirects to a private address is bad-url, the target gets nothing")
    func redirectIsNotFollowed() async throws {
        try await ExternalResourcesStub.run { target in
            let hidden = target.put("/catalogi/api/v1/zaaktypen/1", "{}")
            let router = Router()
            router.get("**") { _, _ in Response(status: .found, headers: [.location: hidden]) }
            try await withLocalServer(router) { port in
                // Only `localhost` is named: the redirecting server; its target is 127.0.0.1, which is not.
                try await TestServer.run(selectielijstURL: Self.elsewhere, outboundHosts: ["localhost"]) { server, client in
                    try await server.addClient("beheer", secret: "geheim")
                    let response = try await F.post(client, "zaken", Self.zaak(zaaktype: "http://localhost:\(port)/catalogi/api/v1/zaaktypen/1"))
                    #expect(try problem(response).invalidParams?.first.map { [$0.name, $0.code] } == ["zaaktype", "bad-url"])
                }
            }
            #expect(target.gets.isEmpty)
        }
    }

    @Test("by default an abonnement's callbackUrl on loopback (a name or an address), link-local or metadata is bad-url, with no test message sent")
    func privateCallbackIsRefused() async throws {
        try await WebhookReceiver.run { receiver in
            let port = try #require(URLComponents(string: receiver.url)?.port)
            try await Self.runByDefault { _, client in
                for url in [
                    receiver.url, "http://localhost:\(port)/webhook", "http://[::1]:\(port)/webhook", "http://169.254.169.254/latest/meta-data/",
                    "http://10.0.0.1/webhook", "http://192.168.1.1/webhook", "http://0.0.0.0:\(port)/webhook",
                    // Other spellings of loopback that resolvers accept.
                    "http://127.1:\(port)/webhook", "http://2130706433:\(port)/webhook", "http://[::ffff:127.0.0.1]:\(port)/webhook",
                ] {
                    let response = try await NRC.post(client, "abonnement", #"{"callbackUrl": "\#(url)", "auth": "Bearer x", "kanalen": [{"naam": "zaken"}]}"#)
                    let param = try #require(try problem(response).invalidParams?.first, "\(url)")
                    #expect(param.name == "callbackUrl" && param.code == "bad-url", "\(url): \(param.code)")
                    #expect(param.reason.contains("geen publiek adres"), "\(url): \(param.reason)")
                }
            }
            #expect(receiver.received.isEmpty)
        }
    }

    @Test("a webhook that redirects to a private address is refused: the abonnement check fails and the target gets nothing")
    func callbackRedirectIsNotFollowed() async throws {
        try await WebhookReceiver.run { target in
            let router = Router()
            router.post("**") { _, _ in Response(status: .temporaryRedirect, headers: [.location: target.url]) }
            try await withLocalServer(router) { port in
                try await TestServer.run(selectielijstURL: Self.elsewhere, outboundHosts: ["localhost"]) { server, client in
                    try await server.addClient("nrc", secret: "geheim")
                    let response = try await NRC.post(
                        client, "abonnement", #"{"callbackUrl": "http://localhost:\#(port)/webhook", "auth": "Bearer x", "kanalen": [{"naam": "zaken"}]}"#)
                    #expect(try problem(response).invalidParams?.map(\.code) == ["invalid-callback-url"])
                }
            }
            #expect(target.received.isEmpty)
        }
    }

    @Test("an allowlisted loopback host receives webhooks: the abonnement's test message arrives")
    func allowlistedCallbackWorks() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestServer.run(selectielijstURL: Self.elsewhere, outboundHosts: ["127.0.0.1"]) { server, client in
                try await server.addClient("nrc", secret: "geheim")
                let response = try await NRC.post(client, "abonnement", #"{"callbackUrl": "\#(receiver.url)", "auth": "Bearer x", "kanalen": [{"naam": "zaken"}]}"#)
                #expect(response.status == .created, "\(String(buffer: response.body))")
            }
            #expect(receiver.received.count == 1)
        }
    }

    @Test("a delivery to a refused address is not sent: the sender refuses it before connecting")
    func senderRefusesPrivateAddress() async throws {
        try await WebhookReceiver.run { receiver in
            let port = try #require(URLComponents(string: receiver.url)?.port)
            let sender = CallbackSender(timeout: .seconds(5), policy: .none)
            for url in [receiver.url, "http://localhost:\(port)/webhook"] {
                guard case .refused = await sender.post("{}", to: url, authorization: nil) else {
                    Issue.record("\(url) was not refused")
                    continue
                }
            }
            #expect(receiver.received.isEmpty)
        }
    }

    @Test("the configuration names the Selectielijst host, the external services' hosts and the listed hosts; nothing else")
    func configurationNamesServices() {
        let configuration = ServerConfiguration(
            selectielijstURL: "https://selectielijst.openzaak.nl/api/v1",
            outboundHosts: ["documenten.gemeente.nl"],
            externalServices: ExternalServices(services: [.init(apiRoot: "https://zaken.example.nl/zaken/api/v1", clientId: "a", secret: "s")]))
        #expect(configuration.outboundPolicy.namedHosts == ["selectielijst.openzaak.nl", "zaken.example.nl", "documenten.gemeente.nl"])
        #expect(configuration.notifier.outbound == configuration.outboundPolicy)
        let policy = ServerConfiguration().outboundPolicy
        #expect(policy.refusalForResource("http://127.0.0.1:8000/zaken/api/v1/zaken/1") == .hostNotNamed("127.0.0.1"))
        #expect(policy.refusalForCallback("http://169.254.169.254/") == .notPublic(host: "169.254.169.254", address: "169.254.169.254"))
        #expect(policy.refusalForResource("file:///etc/passwd") == .notHTTP)
        #expect(ServerConfiguration(outboundHosts: ["*"]).outboundPolicy.refusalForResource("http://127.0.0.1/") == nil)
    }

    @Test("an http webhook is called at the address that was checked, with the Host header of its name; https keeps its name")
    func pinnedURL() throws {
        let address = try #require(IPAddress(ipv4: "93.184.216.34"))
        let pinned = try #require(PinnedURL("http://hook.example.nl:8080/webhook?x=1", address: address))
        #expect(pinned.url == "http://93.184.216.34:8080/webhook?x=1")
        #expect(pinned.hostHeader == "hook.example.nl:8080")
        #expect(PinnedURL("http://hook.example.nl/webhook", address: address)?.url == "http://93.184.216.34/webhook")
        #expect(PinnedURL("http://hook.example.nl/webhook", address: address)?.hostHeader == "hook.example.nl")
        let v6 = try #require(IPAddress(bytes: [0x2A, 0x00, 0x14, 0x50] + [UInt8](repeating: 0, count: 11) + [1]))
        #expect(PinnedURL("http://hook.example.nl/webhook", address: v6)?.url == "http://[2a00:1450:0:0:0:0:0:1]/webhook")
        #expect(PinnedURL("https://hook.example.nl/webhook", address: address) == nil)
    }

    @Test("address classes: loopback, private, shared, link-local, unspecified and embedded IPv4 forms are not public")
    func addressClasses() {
        let notPublic = [
            "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.255",
            "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1",
        ]
        for text in notPublic { #expect(IPAddress(ipv4: text)?.isPublic == false, "\(text)") }
        for text in ["8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "145.12.1.1"] { #expect(IPAddress(ipv4: text)?.isPublic == true, "\(text)") }
        func v6(_ prefix: [UInt8], _ tail: [UInt8] = []) -> IPAddress {
            IPAddress(bytes: prefix + [UInt8](repeating: 0, count: 16 - prefix.count - tail.count) + tail)!
        }
        #expect(v6([], [1]).isPublic == false)  // ::1
        #expect(v6([]).isPublic == false)  // ::
        #expect(v6([0xFC, 0x00]).isPublic == false)
        #expect(v6([0xFD, 0x12]).isPublic == false)
        #expect(v6([0xFE, 0x80]).isPublic == false)
        #expect(v6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 127, 0, 0, 1]).isPublic == false)  // ::ffff:127.0.0.1
        #expect(v6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 8, 8, 8, 8]).isPublic == true)
        #expect(v6([0x20, 0x02, 10, 0, 0, 1]).isPublic == false)  // 6to4 of 10.0.0.1
        #expect(v6([0x2A, 0x00, 0x14, 0x50]).isPublic == true)
    }
}
