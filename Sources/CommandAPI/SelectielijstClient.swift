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

    /// The resource at `url`, which should be one of `collection` (`procestypen`), checked to have the
    /// `requiredFields` of that resource's schema.
    func resource(_ url: String, collection: String, requiredFields: [String]) async throws(ReferenceFailure) -> [String: JSONValue] {
        let answer = try await fetch(url, collection: collection)
        guard case .object(let object)? = answer, requiredFields.allSatisfy({ object[$0] != nil }) else { throw .invalidResource }
        return object
    }

    /// What a 200 at `url` held (nil: not JSON); answers under `<base>/<collection>/` are cached.
    func fetch(_ url: String, collection: String) async throws(ReferenceFailure) -> JSONValue? {
        if let cached = cache.withLock({ $0[url] }) { return .object(cached) }
        if let own, let local = own.local(url) { throw (try? await own.answers(local)) == true ? .invalidResource : .badURL("HTTP 404") }
        if let refusal = outboundGuard.refusalForResource(url) { throw .badURL(refusal.reason) }
        let answer: JSONValue?
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await OutboundCalls.client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else { throw ReferenceFailure.badURL("HTTP \(response.status.code)") }
            answer = try? JSONParser.parse(String(buffer: body))
        } catch let failure as ReferenceFailure {
            throw failure
        } catch {
            throw .badURL("\(error)")
        }
        if case .object(let object)? = answer, url.hasPrefix("\(baseURL)/\(collection)/") { cache.withLock { $0[url] = object } }
        return answer
    }

    /// The field error for a reference that failed, in the standard's codes.
    static func fieldError(_ failure: ReferenceFailure, field: String) -> FieldError {
        failure.fieldError(field, resource: "resource van het verwachte type in de Selectielijst-API")
    }
}
