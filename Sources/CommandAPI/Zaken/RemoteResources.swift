import AsyncHTTPClient
import Domain
import Foundation
import NIOCore

/// Fetches resources of other services by URL, as the standard validates references to them ("the URL must
/// answer 200 with a resource of the right kind"). Our own URLs never come here: they resolve in-process.
/// Only hosts the outbound policy names are called; any other URL is refused without a connection.
///
/// Commands fetch what a request refers to *before* their transaction opens (`prefetching`), so no database
/// connection waits on another service; inside the transaction those answers are read from memory.
struct RemoteResources: Sendable {
    let outbound: OutboundCalls
    let timeout: TimeAmount
    /// Answers fetched ahead.
    var prefetched: [String: RemoteAnswer] = [:]

    init(outbound: OutboundCalls, timeout: TimeAmount = .seconds(5)) {
        self.outbound = outbound
        self.timeout = timeout
    }

    /// A copy that answers `urls` from memory, fetched now, concurrently.
    func prefetching(_ urls: Set<String>) async -> RemoteResources {
        var copy = self
        await withTaskGroup(of: (String, RemoteAnswer).self) { group in
            for url in urls where prefetched[url] == nil {
                group.addTask { (url, await self.fetch(url)) }
            }
            for await (url, answer) in group { copy.prefetched[url] = answer }
        }
        return copy
    }

    /// What `url` answers (from memory when prefetched).
    func answer(at url: String) async -> RemoteAnswer {
        if let answer = prefetched[url] { return answer }
        return await fetch(url)
    }

    /// The JSON object at `url`; nil when it cannot be fetched, does not answer 200 or is not a JSON object.
    func object(at url: String) async -> [String: JSONValue]? {
        await answer(at: url).json?.object
    }

    /// The JSON at `url` (any value: lists answer arrays); nil when it cannot be fetched or does not answer 200.
    func json(at url: String) async -> JSONValue? {
        await answer(at: url).json
    }

    func fetch(_ url: String) async -> RemoteAnswer {
        if let refusal = outbound.outboundGuard.refusalForResource(url) { return .unreachable(refusal.reason) }
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            if let authorization = outbound.services.authorization(for: url) { request.headers.add(name: "Authorization", value: authorization) }
            let response = try await OutboundCalls.client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 4 << 20)
            guard response.status == .ok else { return .unreachable("HTTP \(response.status.code)") }
            return .ok((try? JSONParser.parse(String(buffer: body))))
        } catch {
            return .unreachable("\(error)")
        }
    }
}

/// What a URL of another service answered: the two outcomes the standard tells apart (`bad-url` for the first,
/// `invalid-resource` when a 200's body is not the resource wanted).
enum RemoteAnswer: Sendable {
    /// Refused by the outbound policy, not fetched, or an answer other than 200; with the reason.
    case unreachable(String)
    /// A 200, with its JSON (nil when the body is not JSON).
    case ok(JSONValue?)

    var json: JSONValue? {
        if case .ok(let json) = self { return json }
        return nil
    }
}
