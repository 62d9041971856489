import Domain
import EventStore
import Foundation
import Hummingbird
import ZGWHTTP

/// The scopes of the Notificaties API, and helpers its controllers share.
enum NotificatiesAPI {
    static let consumeren = "notificaties.consumeren"
    static let publiceren = "notificaties.publiceren"
    static let read = ScopeRequirement.anyOf([consumeren, publiceren])

    /// The `:uuid` of the path; 404 when it is not a uuid.
    static func uuid(_ context: ZGWRequestContext) throws(ZGWError) -> UUID {
        guard let uuid = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw .notFound() }
        return uuid
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self)
    }

    /// An absolute http(s) URL of at most `maxLength` characters, else a field error.
    static func url(_ value: String?, _ name: String, maxLength: Int, required: Bool, into validator: inout FieldValidator) {
        guard let value else {
            if required { validator.add(.required(name)) }
            return
        }
        validator.requireText(value, name, maxLength: maxLength)
        guard let url = URL(string: value), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            validator.add(FieldError(name: name, code: "invalid", reason: "Voer een geldige URL in."))
            return
        }
    }

    /// Runs `body`, turning validation errors into a 400.
    static func translating(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let errors as ValidationErrors {
            throw ZGWError.validation(errors)
        }
    }
}
