import Domain
import Foundation
import Hummingbird

/// A request body parsed as a JSON object, read field by field so that a value of the wrong type becomes a
/// 400 naming that field, like every other validation error.
public struct JSONBody: Sendable {
    let object: [String: JSONValue]
    public private(set) var errors: [FieldError] = []

    /// Parses the body of a write request: `Content-Type: application/json` (else 415) holding a JSON object
    /// (else 400).
    public static func parse(_ request: Request, context: ZGWRequestContext) async throws -> JSONBody {
        let contentType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard contentType == "application/json" else {
            throw ZGWError.unsupportedMediaType("Niet-ondersteund mediatype \"\(contentType ?? "")\" in verzoek; gebruik application/json.")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer)) else {
            throw ZGWError.validation([FieldError(name: "nonFieldErrors", code: "parse_error", reason: "De body is geen geldig JSON-object.")])
        }
        return JSONBody(object: object)
    }

    init(object: [String: JSONValue]) {
        self.object = object
    }

    public func has(_ key: String) -> Bool { object[key] != nil }

    /// A string field; nil when absent (or null and `nullable`); an error when of another type.
    public mutating func string(_ key: String, nullable: Bool = false) -> String? {
        switch object[key] {
        case nil: return nil
        case .null:
            if !nullable { errors.append(FieldError(name: key, code: "null", reason: "Dit veld mag niet leeg zijn.")) }
            return nil
        case .string(let string): return string
        default:
            errors.append(FieldError(name: key, code: "invalid", reason: "Geen geldige string."))
            return nil
        }
    }

    /// A date field (`YYYY-MM-DD`).
    public mutating func date(_ key: String, nullable: Bool = true) -> ZGWDate? {
        guard let text = string(key, nullable: nullable) else { return nil }
        guard let date = ZGWDate(text) else {
            errors.append(FieldError(name: key, code: "invalid", reason: "Datum heeft het verkeerde formaat, gebruik YYYY-MM-DD."))
            return nil
        }
        return date
    }
}

extension ZGWError {
    /// A 400 for collected field errors.
    public static func validation(_ errors: ValidationErrors) -> ZGWError {
        .validation(errors.errors)
    }
}
