import Domain
import HTTPTypes
import Hummingbird

/// Adds `API-version` to every response of an API (errors included), with the version of the API whose
/// root the path is under.
public struct APIVersionMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if let api = ZGWAPI.containing(path: request.uri.path) {
            response.headers[.apiVersion] = api.version
        }
        return response
    }
}

extension HTTPField.Name {
    public static let apiVersion = Self("API-version")!
    public static let requestID = Self("X-Request-ID")!
    public static let auditToelichting = Self("X-Audit-Toelichting")!
}
