import Hummingbird
import Logging
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the authenticated client.
public struct ZGWRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `JWTAuthMiddleware` once the token checks out.
    public var client: AuthenticatedClient?
    /// The request id: the caller's `X-Request-ID`, or one we made.
    public var requestID: String
    /// The connection's event loop: a streamed response body is written from it (`ResponseBody.streaming`).
    public let eventLoop: any EventLoop

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.eventLoop = source.channel.eventLoop
        self.requestID = source.logger[metadataKey: "hb.request.id"]?.description ?? ""
    }
}
