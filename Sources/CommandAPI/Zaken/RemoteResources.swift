import AsyncHTTPClient
import Domain
import Foundation
import NIOCore

/// Fetches resources of other services by URL, as the standard validates references to them ("the URL must
/// answer 200 with a resource of the right kind"). Our own URLs never come here: they resolve in-process.
///
/// Commands fetch what a request refers to *before* their transaction opens (`prefetching`), so no database
/// connection waits on another service; inside the transaction those answers are read from memory.
struct RemoteResources: Sendable {
    let timeout: TimeAmount
    /// Answers fetched ahead (nil value: fetched, not found).
    var prefetched: [String: [String: JSONValue]?] = [:]

    init(timeout: TimeAmount = .seconds(5)) {
        self.timeout = timeout
    }

    /// A copy that answers `urls` from memory, fetched now, concurrently.
    func prefetching(_ urls: Set<String>) async -> RemoteResources {
        var copy = self
        await withTaskGroup(of: (String, [String: JSONValue]?).self) { group in
            for url in urls where prefetched[url] == nil {
                group.addTask { (url, await self.fetch(url)) }
            }
            for await (url, object) in group { copy.prefetched[url] = .some(object) }
        }
        return copy
    }

    /// The JSON object at `url`; nil when it cannot be fetched, does not answer 200 or is not a JSON object.
    func object(at url: String) async -> [String: JSONValue]? {
        if let answer = prefetched[url] { return answer }
        return await fetch(url)
    }

    func fetch(_ url: String) async -> [String: JSONValue]? {
        await json(at: url)?.object
    }

    /// The JSON at `url` (any value: lists answer arrays); nil when it cannot be fetched or does not answer 200.
    func json(at url: String) async -> JSONValue? {
        guard let components = URLComponents(string: url), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
            OutboundPolicy.allows(url)
        else { return nil }
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            guard response.status == .ok else { return nil }
            let body = try await response.body.collect(upTo: 4 << 20)
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer: body))
        } catch {
            return nil
        }
    }
}
