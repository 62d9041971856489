import AsyncHTTPClient
import Domain
import Foundation
import NIOCore

/// Fetches resources of other services by URL, as the standard validates references to them ("the URL must
/// answer 200 with a resource of the right kind"). Our own URLs never come here: they resolve in-process.
struct RemoteResources: Sendable {
    let timeout: TimeAmount

    init(timeout: TimeAmount = .seconds(5)) {
        self.timeout = timeout
    }

    /// The JSON object at `url`; nil when it cannot be fetched, does not answer 200 or is not a JSON object.
    func object(at url: String) async -> [String: JSONValue]? {
        guard let components = URLComponents(string: url), ["http", "https"].contains(components.scheme?.lowercased() ?? "") else { return nil }
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            guard response.status == .ok else { return nil }
            let body = try await response.body.collect(upTo: 4 << 20)
            guard case .object(let object) = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: body)) else { return nil }
            return object
        } catch {
            return nil
        }
    }
}
