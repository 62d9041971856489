import EventStore
import Foundation
import HTTPTypes
import Hummingbird

/// An error with the standard's shape: HTTP status, `code`, title and detail, and for 400s the field errors.
/// `ProblemMiddleware` renders it as `application/problem+json`.
public struct ZGWError: Error, Sendable, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var code: String
    public var title: String
    public var detail: String
    public var invalidParams: [InvalidParam]?
    /// The exception name that ends the `type` URI, as Open Zaak builds it (`…/ref/fouten/<Name>/`).
    public var exceptionName: String
    /// Headers to add, e.g. `Allow` on a 405.
    public var headers: HTTPFields

    public init(
        status: HTTPResponse.Status, code: String, title: String, detail: String, exceptionName: String,
        invalidParams: [InvalidParam]? = nil, headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.exceptionName = exceptionName
        self.invalidParams = invalidParams
        self.headers = headers
    }

    public static func notAuthenticated(_ detail: String = "Authenticatiegegevens zijn niet opgegeven.") -> ZGWError {
        ZGWError(status: .forbidden, code: "not_authenticated", title: "Authenticatiegegevens zijn niet opgegeven.", detail: detail, exceptionName: "NotAuthenticated")
    }

    public static func jwtExpired() -> ZGWError {
        ZGWError(status: .forbidden, code: "jwt-expired", title: "U heeft geen toestemming om deze actie uit te voeren.", detail: "Het JWT is verlopen.", exceptionName: "PermissionDenied")
    }

    public static func permissionDenied(_ detail: String = "U heeft geen toestemming om deze actie uit te voeren.") -> ZGWError {
        ZGWError(status: .forbidden, code: "permission_denied", title: "U heeft geen toestemming om deze actie uit te voeren.", detail: detail, exceptionName: "PermissionDenied")
    }

    public static func notFound(_ detail: String = "Niet gevonden.") -> ZGWError {
        ZGWError(status: .notFound, code: "not_found", title: "Niet gevonden.", detail: detail, exceptionName: "NotFound")
    }

    public static func methodNotAllowed(_ method: String) -> ZGWError {
        ZGWError(status: .methodNotAllowed, code: "method_not_allowed", title: "Methode niet toegestaan.", detail: "Methode \"\(method)\" niet toegestaan.", exceptionName: "MethodNotAllowed")
    }

    public static func validation(_ params: [InvalidParam], detail: String? = nil) -> ZGWError {
        ZGWError(
            status: .badRequest, code: "invalid", title: "Invalid input.",
            detail: detail ?? params.map { "\($0.name): \($0.reason)" }.joined(separator: "; "), exceptionName: "ValidationError",
            invalidParams: params)
    }

    public static func conflict(_ detail: String) -> ZGWError {
        ZGWError(status: .conflict, code: "conflict", title: "Conflict.", detail: detail, exceptionName: "Conflict")
    }

    public static func unsupportedMediaType(_ detail: String) -> ZGWError {
        ZGWError(status: .unsupportedMediaType, code: "unsupported_media_type", title: "Niet-ondersteund mediatype.", detail: detail, exceptionName: "UnsupportedMediaType")
    }

    public static func internalError() -> ZGWError {
        ZGWError(status: .internalServerError, code: "error", title: "Er is een serverfout opgetreden.", detail: "Er is een serverfout opgetreden.", exceptionName: "APIException")
    }

    /// The problem body, with `type` under `baseURL` and a fresh `instance`.
    public func problem(baseURL: String) -> ProblemDetails {
        ProblemDetails(
            type: "\(baseURL)/ref/fouten/\(exceptionName)/", code: code, title: title, status: Int(status.code), detail: detail,
            instance: "urn:uuid:\(UUID().uuidString.lowercased())", invalidParams: status == .badRequest ? (invalidParams ?? []) : nil)
    }

    /// Renders the problem as a response (used by `ProblemMiddleware`, and by Hummingbird if an error escapes it).
    public func response(baseURL: String) -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        let body = (try? JSONCoding.encoder.encode(problem(baseURL: baseURL))) ?? Data()
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response(baseURL: "")
    }
}
