import AsyncHTTPClient
import Domain
import Foundation
import NIOCore
import NIOHTTP1

/// A ZGW client for the benchmarks: JSON in and out, the JWT and CRS headers on every request.
public struct BenchmarkClient: Sendable {
    public let base: String
    public let token: String

    public init(base: String, token: String) {
        self.base = base
        self.token = token
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    public func request(_ method: HTTPMethod, _ url: String, _ body: String? = nil, timeout: TimeAmount = .seconds(30)) async throws -> [String: JSONValue] {
        var request = HTTPClientRequest(url: url.hasPrefix("http") ? url : base + url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept-Crs", value: "EPSG:4326")
        request.headers.add(name: "Content-Crs", value: "EPSG:4326")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 16 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw Failure(description: "\(method) \(url): \(response.status.code) \(String(buffer: bytes))")
        }
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: bytes)) else { return [:] }
        return object
    }

    public func get(_ url: String) async throws -> [String: JSONValue] { try await request(.GET, url) }

    /// POSTs and returns the new resource's `url`.
    public func post(_ path: String, _ json: String) async throws -> String {
        guard case .string(let url)? = try await request(.POST, path, json)["url"] else { throw Failure(description: "no url from \(path)") }
        return url
    }

    public func waitUntilUp() async throws {
        for _ in 0..<100 {
            if (try? await request(.GET, "/_healthz/livez")) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "server did not start")
    }
}
