import Foundation
import Hummingbird
import Logging

/// One log line per request (method, path, status, duration, client) and the request id, taken from
/// `X-Request-ID` when the caller sent one, echoed in the response.
public struct AccessLogMiddleware: RouterMiddleware {
    public typealias Context = ZGWRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let given = request.headers[.requestID], !given.isEmpty, given.count <= 200 {
            context.requestID = given
            context.logger[metadataKey: "hb.request.id"] = .string(given)
        }
        let start = ContinuousClock.now
        let requestID = context.requestID
        let logger = context.logger
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            logger.info(
                "\(request.method) \(request.uri.path) \(status)",
                metadata: ["status": "\(status)", "duration_ms": "\(String(format: "%.2f", milliseconds))"])
        }
        var response = try await next(request, context)
        status = Int(response.status.code)
        response.headers[.requestID] = requestID
        return response
    }
}
