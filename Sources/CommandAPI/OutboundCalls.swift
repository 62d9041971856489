import AsyncHTTPClient
import Domain
import ZGWHTTP

/// What the command side needs to call other services: which hosts it may call, and the credentials for the
/// ZGW APIs among them. Built by the configuration layer; `none` calls nothing outside this server.
public struct OutboundCalls: Sendable {
    public let outboundGuard: OutboundGuard
    public let services: ExternalServices

    public init(policy: OutboundPolicy, services: ExternalServices) {
        self.outboundGuard = OutboundGuard(policy: policy)
        self.services = services
    }

    public static let none = OutboundCalls(policy: .none, services: ExternalServices(services: []))

    /// The client for these calls. Redirects are not followed (a 3xx is an answer other than 200): a redirect
    /// could lead to a host the policy refuses. A refused connection fails at once instead of being retried
    /// until the timeout. Process-wide and never shut down, like `HTTPClient.shared`.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
