import AsyncHTTPClient
import Domain
import Foundation
import NIOCore
import Synchronization
import ZGWHTTP

/// Reads the VNG Selectielijst API (procestypen, resultaten, resultaattypeomschrijvingen), to check the
/// references zaaktypen and resultaattypen make to it (ztc-001 …), with the reference's two steps: a URL that
/// cannot be fetched or answers other than 200 is `bad-url`; a 200 that is not the resource wanted (a resultaat
/// given as procestype, a document without the resource's required fields) is `invalid-resource`. Only hosts
/// the outbound policy names are called (the Selectielijst API's own is always named). Answers under the
/// configured base are cached: the lists are static.
public final class SelectielijstClient: Sendable {
    /// E.g. `https://selectielijst.openzaak.nl/api/v1`.
    public let baseURL: String
    let outboundGuard: OutboundGuard
    /// Our own URLs, never a Selectielijst resource: one that answers 200 is `invalid-resource`, without HTTP.
    let own: OwnResources?
    let timeout: TimeAmount
    private let cache = Mutex<[String: [String: JSONValue]]>([:])

    public init(baseURL: String, outboundGuard: OutboundGuard, own: OwnResources? = nil, timeout: TimeAmount = .seconds(5)) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.outboundGuard = outboundGuard
        self.own = own
        self.timeout = timeout
    }

    public enum Failure: Error, Equatable {
        /// Refused, not fetched, or it did not answer 200 (`bad-url`).
        case badURL
        /// It answered 200, but not with a resource of the expected kind (`invalid-resource`).
        case invalidResource
    }

    /// The resource at `url`, which should be one of `collection` (`procestypen`), checked to have the
    /// `requiredFields` of that resource's schema.
    public func resource(_ url: String, collection: String, requiredFields: [String]) async throws(Failure) -> [String: JSONValue] {
        let answer = try await fetch(url, collection: collection)
        guard case .object(let object)? = answer, requiredFields.allSatisfy({ object[$0] != nil }) else { throw .invalidResource }
        return object
    }

    /// What a 200 at `url` held (nil: not JSON); answers under `<base>/<collection>/` are cached.
    func fetch(_ url: String, collection: String) async throws(Failure) -> JSONValue? {
        if let cached = cache.withLock({ $0[url] }) { return .object(cached) }
        if let own, let local = own.local(url) { throw (try? await own.answers(local)) == true ? .invalidResource : .badURL }
        guard outboundGuard.refusalForResource(url) == nil else { throw .badURL }
        let answer: JSONValue?
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await OutboundCalls.client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else { throw Failure.badURL }
            answer = try? JSONParser.parse(String(buffer: body))
        } catch {
            throw .badURL
        }
        if case .object(let object)? = answer, url.hasPrefix("\(baseURL)/\(collection)/") { cache.withLock { $0[url] = object } }
        return answer
    }

    /// The field error for a reference that failed, in the standard's codes.
    public static func fieldError(_ failure: Failure, field: String) -> FieldError {
        switch failure {
        case .badURL: FieldError(name: field, code: "bad-url", reason: "De URL kon niet opgevraagd worden of gaf geen 200.")
        case .invalidResource: FieldError(name: field, code: "invalid-resource", reason: "De URL wijst niet naar een geldige resource van het verwachte type.")
        }
    }
}
