import AsyncHTTPClient
import BenchmarkSupport
import Crypto
import Domain
import Foundation
import NIOCore
import NIOHTTP1

/// The two ways a large document reaches the server, each followed by a streaming download that hashes what
/// arrives. Every phase is timed and bracketed by the server's memory.
final class DocumentFlows {
    let api: BenchmarkClient
    let server: ServerProcess
    var informatieobjecttype = ""
    /// Long enough for a GiB on a slow, shared machine.
    static let deadline = TimeAmount.minutes(30)

    init(api: BenchmarkClient, server: ServerProcess) {
        self.api = api
        self.server = server
    }

    /// A catalogus with a published informatieobjecttype.
    func setUp() async throws {
        let catalogus = try await api.post("/catalogi/api/v1/catalogussen", #"{"domein": "BENCH", "rsin": "002220647", "contactpersoonBeheerNaam": "Ad"}"#)
        informatieobjecttype = try await api.post("/catalogi/api/v1/informatieobjecttypen", #"""
            {"catalogus": "\#(catalogus)", "omschrijving": "Bijlage", "vertrouwelijkheidaanduiding": "openbaar",
             "beginGeldigheid": "2026-01-01", "informatieobjectcategorie": "Bijlage"}
            """#)
        _ = try await api.request(.POST, informatieobjecttype + "/publish")
    }

    func documentFields() -> String {
        #""bronorganisatie": "002220647", "creatiedatum": "2026-03-01", "titel": "Benchmark", "auteur": "bench", "taal": "nld", "#
            + #""bestandsnaam": "benchmark.bin", "formaat": "application/octet-stream", "informatieobjecttype": "\#(informatieobjecttype)""#
    }

    /// Flow A: create with `bestandsomvang` and `inhoud: null`, PUT every part, unlock (the merge), download.
    func bestandsdelen(_ document: GeneratedDocument) async throws -> [(Phase, PhaseResult)] {
        let created = try await api.request(.POST, "/documenten/api/v1/enkelvoudiginformatieobjecten", "{\(documentFields()), \"bestandsomvang\": \(document.size), \"inhoud\": null}")
        guard let url = created["url"]?.text, let lock = created["lock"]?.text, let parts = created["bestandsdelen"]?.array?.compactMap(\.object), !parts.isEmpty else {
            throw BenchmarkClient.Failure(description: "no url, lock or bestandsdelen in \(created)")
        }
        let upload = try await phase {
            var offset: Int64 = 0
            for part in parts.sorted(by: { ($0["volgnummer"]?.integer ?? 0) < ($1["volgnummer"]?.integer ?? 0) }) {
                guard let partURL = part["url"]?.text, let omvang = part["omvang"]?.integer else { throw BenchmarkClient.Failure(description: "bad part \(part)") }
                try await self.put(partURL, lock: lock, document: document, range: offset..<(offset + Int64(omvang)))
                offset += Int64(omvang)
            }
            guard offset == document.size else { throw BenchmarkClient.Failure(description: "the parts add up to \(offset) bytes, not \(document.size)") }
        }
        let unlock = try await phase {
            _ = try await self.api.request(.POST, url + "/unlock", #"{"lock": "\#(lock)"}"#, timeout: Self.deadline)
        }
        return [(.partsUpload, upload), (.unlock, unlock), (.partsDownload, try await download(url))]
    }

    /// Flow B: one POST whose JSON body streams the base64 of the whole document as `inhoud`; download.
    func base64(_ document: GeneratedDocument) async throws -> [(Phase, PhaseResult)] {
        var url = ""
        let post = try await phase {
            let body = GeneratedBody(segments: [.text("{\(self.documentFields()), \"bestandsomvang\": \(document.size), \"inhoud\": \""), .base64(document), .text("\"}")])
            let response = try await self.send(.POST, self.api.base + "/documenten/api/v1/enkelvoudiginformatieobjecten", body: body, contentType: "application/json")
            guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: response)), let created = object["url"]?.text else {
                throw BenchmarkClient.Failure(description: "no url in \(String(buffer: response))")
            }
            url = created
        }
        return [(.jsonPost, post), (.jsonDownload, try await download(url))]
    }

    /// `PUT` one part: multipart/form-data with the `lock` and the part's bytes as the file `inhoud`, streamed.
    func put(_ url: String, lock: String, document: GeneratedDocument, range: Range<Int64>) async throws {
        let boundary = "docbench-\(UUID().uuidString)"
        let body = GeneratedBody(segments: [
            .text("--\(boundary)\r\nContent-Disposition: form-data; name=\"lock\"\r\n\r\n\(lock)\r\n"
                  + "--\(boundary)\r\nContent-Disposition: form-data; name=\"inhoud\"; filename=\"deel.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"),
            .bytes(document, range),
            .text("\r\n--\(boundary)--\r\n"),
        ])
        _ = try await send(.PUT, url, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Sends a streamed body with its length; the (small) response body, or a failure on a non-2xx.
    func send(_ method: HTTPMethod, _ url: String, body: GeneratedBody, contentType: String) async throws -> ByteBuffer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(api.token)")
        request.headers.add(name: "Content-Type", value: contentType)
        request.body = .stream(body, length: .known(body.length))
        let response = try await HTTPClient.shared.execute(request, timeout: Self.deadline)
        let bytes = try await response.body.collect(upTo: 16 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw BenchmarkClient.Failure(description: "\(method) \(url): \(response.status.code) \(String(buffer: bytes))")
        }
        return bytes
    }

    /// Streams the download, hashing as it arrives.
    func download(_ url: String) async throws -> PhaseResult {
        var size: Int64 = 0
        var digest = ""
        var result = try await phase {
            var request = HTTPClientRequest(url: url + "/download")
            request.headers.add(name: "Authorization", value: "Bearer \(self.api.token)")
            let response = try await HTTPClient.shared.execute(request, timeout: Self.deadline)
            guard response.status == .ok else {
                throw BenchmarkClient.Failure(description: "GET \(url)/download: \(response.status.code) \(String(buffer: try await response.body.collect(upTo: 1 << 20)))")
            }
            var hasher = SHA256()
            for try await buffer in response.body {
                buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                size += Int64(buffer.readableBytes)
            }
            digest = hex(hasher.finalize())
        }
        result.size = size
        result.sha256 = digest
        return result
    }

    /// Times `body`, with the server's memory before and after (the peak reset to the resident set first).
    func phase(_ body: () async throws -> Void) async throws -> PhaseResult {
        server.resetPeak()
        let before = try server.memory()
        let start = ContinuousClock.now
        try await body()
        let seconds = (ContinuousClock.now - start).milliseconds / 1000
        return PhaseResult(seconds: seconds, before: before, after: try server.memory())
    }
}
