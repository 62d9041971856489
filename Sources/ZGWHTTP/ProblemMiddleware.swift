import EventStore
import Hummingbird
import Logging

/// Turns every error into the standard's `application/problem+json` body: our `ZGWError`s as they are,
/// an optimistic-concurrency conflict as 409, Hummingbird's `HTTPError`s (unknown route, body too large ...) by status, anything else as a 500 that is
/// logged with its details but shows the client nothing internal.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let baseURL: String

    public init(baseURL: String) {
        self.baseURL = baseURL
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ZGWError {
            return error.response(baseURL: baseURL)
        } catch let error as EventStoreError where error.code == .wrongExpectedVersion {
            // Someone else changed the resource between our read and our write (optimistic concurrency).
            return ZGWError.conflict("De resource is intussen gewijzigd; haal hem opnieuw op en probeer het nog eens.").response(baseURL: baseURL)
        } catch let error as HTTPError {
            return Self.zgwError(for: error, method: request.method.rawValue).response(baseURL: baseURL)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return ZGWError.internalError().response(baseURL: baseURL)
        }
    }

    static func zgwError(for error: HTTPError, method: String) -> ZGWError {
        switch error.status {
        case .notFound: return .notFound()
        case .methodNotAllowed: return .methodNotAllowed(method)
        case .unauthorized, .forbidden: return .notAuthenticated()
        case .contentTooLarge:
            return ZGWError(status: .contentTooLarge, code: "too_large", title: "Verzoek te groot.", detail: error.body ?? "Verzoek te groot.", exceptionName: "RequestEntityTooLarge")
        case .unsupportedMediaType: return .unsupportedMediaType(error.body ?? "Niet-ondersteund mediatype.")
        case .badRequest:
            return .validation([InvalidParam(name: "nonFieldErrors", code: "parse_error", reason: error.body ?? "Ongeldig verzoek.")])
        default:
            return ZGWError(
                status: error.status, code: error.status.code >= 500 ? "error" : "invalid", title: error.status.reasonPhrase,
                detail: error.body ?? error.status.reasonPhrase, exceptionName: "APIException")
        }
    }
}
