import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The load generator's HTTP client: its own AsyncHTTPClient with enough keep-alive connections per host for
/// 64 concurrent callers (the shared client allows 8), the JWT and CRS headers on every request.
final class LoadClient: Sendable {
    let http: HTTPClient

    init() {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        configuration.httpVersion = .http1Only
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    struct Response {
        let status: UInt
        let body: ByteBuffer

        var isSuccess: Bool { (200..<300).contains(status) }

        func json() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
        }

        func jsonArray() throws -> [[String: Any]] {
            try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [[String: Any]] ?? []
        }
    }

    func send(_ method: HTTPMethod = .GET, _ url: String, token: String?, body: String? = nil) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.headers.add(name: "Accept-Crs", value: "EPSG:4326")
        if let body {
            request.headers.add(name: "Content-Crs", value: "EPSG:4326")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        return Response(status: response.status.code, body: try await response.body.collect(upTo: 32 << 20))
    }

    /// As `send`, but a non-2xx answer is an error (for set-up calls, not measured ones).
    func require(_ method: HTTPMethod = .GET, _ url: String, token: String?, body: String? = nil) async throws -> Response {
        let response = try await send(method, url, token: token, body: body)
        guard response.isSuccess else { throw LoadError("\(method) \(url): \(response.status) \(String(buffer: response.body))") }
        return response
    }

    func shutdown() async throws { try await http.shutdown() }
}

struct LoadError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
