import AsyncHTTPClient
import Domain
import Foundation
import NIOCore
import Synchronization

/// Reads the VNG Selectielijst API (procestypen, resultaten, resultaattypeomschrijvingen), to check the
/// references zaaktypen and resultaattypen make to it (ztc-001 …). Only URLs under the configured base are
/// fetched, so a client cannot make the server call arbitrary hosts; answers are cached, the lists are static.
public final class SelectielijstClient: Sendable {
    /// E.g. `https://selectielijst.openzaak.nl/api/v1`.
    public let baseURL: String
    let timeout: TimeAmount
    private let cache = Mutex<[String: [String: JSONValue]]>([:])

    public init(baseURL: String, timeout: TimeAmount = .seconds(5)) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.timeout = timeout
    }

    public enum Failure: Error, Equatable {
        /// Not under the Selectielijst API, or it did not answer 200 (`bad-url`).
        case badURL
        /// It answered, but not with a resource of the expected kind (`invalid-resource`).
        case invalidResource
    }

    /// The resource at `url` in `collection` (`procestypen`), checked to have `requiredFields`.
    public func resource(_ url: String, collection: String, requiredFields: [String]) async throws(Failure) -> [String: JSONValue] {
        guard url.hasPrefix("\(baseURL)/\(collection)/"), OutboundPolicy.allows(url) else { throw .badURL }
        if let cached = cache.withLock({ $0[url] }) { return cached }
        let object: [String: JSONValue]
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            guard response.status == .ok else { throw Failure.badURL }
            let body = try await response.body.collect(upTo: 1 << 20)
            guard case .object(let decoded) = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: body)) else {
                throw Failure.invalidResource
            }
            object = decoded
        } catch let failure as Failure {
            throw failure
        } catch is DecodingError {
            throw .invalidResource
        } catch {
            throw .badURL
        }
        guard requiredFields.allSatisfy({ object[$0] != nil }) else { throw .invalidResource }
        cache.withLock { $0[url] = object }
        return object
    }

    /// The field error for a reference that failed, in the standard's codes.
    public static func fieldError(_ failure: Failure, field: String) -> FieldError {
        switch failure {
        case .badURL: FieldError(name: field, code: "bad-url", reason: "De URL is geen resource van de Selectielijst-API of gaf geen 200.")
        case .invalidResource: FieldError(name: field, code: "invalid-resource", reason: "De URL wijst niet naar een geldige resource van het verwachte type.")
        }
    }
}
