import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

/// Helpers of the Documenten API tests, on top of `ZakenFixture` (whose published `iot` belongs to its zaaktype).
enum D {
    static let root = "/documenten/api/v1"
    static let spec = "documenten-1.4.2-vng.yaml"
    typealias F = ZakenFixture

    static func document(_ fixture: ZakenFixture, _ extra: String = "") -> String {
        #"{"bronorganisatie": "002220647", "creatiedatum": "2026-03-01", "titel": "Aanvraag", "auteur": "Ad", "taal": "nld", "informatieobjecttype": "\#(fixture.iot)"\#(extra)}"#
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func post(_ client: some TestClientProtocol, _ collection: String, _ json: String, token: String = F.token) async throws -> TestResponse {
        try await client.execute(uri: "\(root)/\(collection)", method: .post, headers: jsonHeaders(token), body: ByteBuffer(string: json))
    }

    static func send(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ url: String, _ json: String? = nil, token: String = F.token) async throws -> TestResponse {
        let uri = url.hasPrefix("http") ? ZaakTypenTests.path(url) : url
        return try await client.execute(uri: uri, method: method, headers: jsonHeaders(token), body: json.map { ByteBuffer(string: $0) })
    }

    /// Creates a document and returns its URL.
    static func create(_ client: some TestClientProtocol, _ fixture: ZakenFixture, _ extra: String = "") async throws -> String {
        let response = try await post(client, "enkelvoudiginformatieobjecten", document(fixture, extra))
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return try #require(response.headers[.location])
    }

    static func lock(_ client: some TestClientProtocol, _ url: String) async throws -> String {
        let response = try await send(client, .post, url + "/lock")
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try #require(try jsonObject(response)["lock"]?.text)
    }

    /// A `PUT /bestandsdelen/{uuid}` with the part's bytes and the lock, as multipart/form-data.
    static func upload(_ client: some TestClientProtocol, _ url: String, bytes: [UInt8], lock: String, token: String = F.token) async throws -> TestResponse {
        let boundary = "zaakstroom-\(UUID().uuidString)"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"lock\"\r\n\r\n\(lock)\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"inhoud\"; filename=\"deel.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = jsonHeaders(token)
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await client.execute(uri: ZaakTypenTests.path(url), method: .put, headers: headers, body: body)
    }

    static func codes(_ response: TestResponse) throws -> [String] {
        (try jsonObject(response)["invalidParams"]?.array ?? []).compactMap { $0.object?["code"]?.text }
    }
}
