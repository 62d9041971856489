import Domain
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ZGWHTTP

/// POSTs a message to a subscriber's webhook. Any 2xx is success; anything else, including no answer within
/// `timeout`, is a failure with the status (if any) and a reason for the delivery row. A URL the outbound
/// policy refuses (an address that is not public, and not named by the operator) is not called at all; a
/// plain-http one is called at the address that was checked.
public struct CallbackSender: Sendable {
    public let timeout: TimeAmount
    let outboundGuard: OutboundGuard

    public init(timeout: TimeAmount = .seconds(10), policy: OutboundPolicy) {
        self.timeout = timeout
        self.outboundGuard = OutboundGuard(policy: policy)
    }

    /// The shared client's settings, except that a refused connection fails the request at once: the shared
    /// client retries connecting until the timeout, so every attempt at a subscriber that is down would hold a
    /// worker slot for the whole timeout. Failed deliveries are retried by the queue's backoff instead.
    /// Redirects are not followed: the policy checks the abonnement's URL, so a redirect could send messages to
    /// an address it refuses; a 3xx is a failed delivery.
    /// Process-wide and never shut down, like `HTTPClient.shared`.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public enum Outcome: Sendable, Equatable {
        case delivered(status: Int)
        case failed(status: Int?, reason: String)
        /// Not sent: the outbound policy refuses the URL.
        case refused(reason: String)
    }

    public func post(_ body: String, to url: String, authorization: String?) async -> Outcome {
        let pinned: PinnedURL?
        switch await outboundGuard.callbackTarget(url) {
        case .failure(let refusal): return .refused(reason: refusal.reason)
        case .success(let target): pinned = target
        }
        var request = HTTPClientRequest(url: pinned?.url ?? url)
        if let pinned { request.headers.add(name: "Host", value: pinned.hostHeader) }
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let authorization, !authorization.isEmpty { request.headers.add(name: "Authorization", value: authorization) }
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await Self.client.execute(request, timeout: timeout)
            // Drain (bounded) so the connection can be reused.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            return (200..<300).contains(status) ? .delivered(status: status) : .failed(status: status, reason: "HTTP \(status)")
        } catch {
            return .failed(status: nil, reason: "\(error)")
        }
    }
}
