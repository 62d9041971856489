import Domain
import Foundation
import Hummingbird

/// A request body parsed as a JSON object, read field by field so that a value of the wrong type becomes a
/// 400 naming that field, like every other validation error.
public struct JSONBody: Sendable {
    let object: [String: JSONValue]
    /// Prefix of error names, for nested objects (`omschrijvingGeneriek.`).
    let prefix: String
    public internal(set) var errors: [FieldError] = []

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
        // jsonb cannot store NUL (`\u0000`) in strings or keys; refuse it here rather than fail in the database.
        if JSONValue.object(object).containsNUL {
            throw ZGWError.validation([FieldError(name: "nonFieldErrors", code: "parse_error", reason: "NUL-tekens (\\u0000) zijn niet toegestaan.")])
        }
        return JSONBody(object: object)
    }

    /// A body from an object that did not come with a request (an imported file's object).
    public init(fields object: [String: JSONValue]) {
        self.init(object: object)
    }

    init(object: [String: JSONValue], prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    /// The whole object, for schema-driven validation (`SchemaValidator`).
    public var fields: [String: JSONValue] { object }

    /// The keys present in the body.
    public var keys: Set<String> { Set(object.keys) }

    public func has(_ key: String) -> Bool { object[key] != nil }

    /// A string field; nil when absent (or null and `nullable`); an error when of another type.
    public mutating func string(_ key: String, nullable: Bool = false) -> String? {
        switch object[key] {
        case nil: return nil
        case .null:
            if !nullable { errors.append(FieldError(name: prefix + key, code: "null", reason: "Dit veld mag niet leeg zijn.")) }
            return nil
        case let value?:
            // A number is a string field's text too (DRF's CharField); a boolean or an object is not.
            guard let text = value.scalarText else {
                errors.append(FieldError(name: prefix + key, code: "invalid", reason: "Geen geldige string."))
                return nil
            }
            return text
        }
    }

    /// A date field (`YYYY-MM-DD`).
    public mutating func date(_ key: String, nullable: Bool = true) -> ZGWDate? {
        guard let text = string(key, nullable: nullable) else { return nil }
        guard let date = ZGWDate(text) else {
            errors.append(FieldError(name: prefix + key, code: "invalid", reason: "Datum heeft het verkeerde formaat, gebruik YYYY-MM-DD."))
            return nil
        }
        return date
    }

    /// A list of strings; an error naming the field (or the item, `trefwoord.2`) otherwise.
    public mutating func stringArray(_ key: String) -> [String]? {
        switch object[key] {
        case nil: return nil
        case .array(let items):
            var strings: [String] = []
            for (index, item) in items.enumerated() {
                guard let string = item.scalarText else {
                    errors.append(FieldError(name: "\(prefix)\(key).\(index)", code: "invalid", reason: "Geen geldige string."))
                    continue
                }
                strings.append(string)
            }
            return strings
        default:
            errors.append(FieldError(name: prefix + key, code: "not_a_list", reason: "Verwachtte een lijst met items, maar kreeg een ander type."))
            return nil
        }
    }

    /// A nested object, whose errors are named `key.field`; nil when absent or null.
    public mutating func object(_ key: String) -> JSONBody? {
        switch object[key] {
        case nil, .null?: return nil
        case .object(let nested)?: return JSONBody(object: nested, prefix: "\(prefix)\(key).")
        default:
            errors.append(FieldError(name: prefix + key, code: "invalid", reason: "Ongeldige data. Verwachtte een dictionary."))
            return nil
        }
    }

    /// One of an enum's raw values (`invalid_choice` otherwise).
    public mutating func choice<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type) -> Value? where Value.RawValue == String {
        guard let text = string(key) else { return nil }
        guard let value = Value(rawValue: text) else {
            errors.append(FieldError(name: prefix + key, code: "invalid_choice", reason: "\"\(text)\" is een ongeldige keuze."))
            return nil
        }
        return value
    }
}

extension ZGWError {
    /// A 400 for collected field errors.
    public static func validation(_ errors: ValidationErrors) -> ZGWError {
        .validation(errors.errors)
    }
}

extension JSONBody {
    /// A boolean field; an error when of another type.
    public mutating func bool(_ key: String) -> Bool? {
        switch object[key] {
        case nil: return nil
        case .bool(let value)?: return value
        default:
            errors.append(FieldError(name: prefix + key, code: "invalid", reason: "Moet een geldige boolean zijn."))
            return nil
        }
    }
}

extension JSONBody {
    /// A list of objects, each as a nested body whose errors are named `key.index.field`.
    public mutating func arrayOfObjects(_ key: String) -> [JSONBody]? {
        switch object[key] {
        case nil: return nil
        case .array(let items)?:
            var bodies: [JSONBody] = []
            for (index, item) in items.enumerated() {
                guard case .object(let nested) = item else {
                    errors.append(FieldError(name: "\(prefix)\(key).\(index)", code: "invalid", reason: "Ongeldige data. Verwachtte een dictionary."))
                    continue
                }
                bodies.append(JSONBody(object: nested, prefix: "\(prefix)\(key).\(index)."))
            }
            return bodies
        default:
            errors.append(FieldError(name: prefix + key, code: "not_a_list", reason: "Verwachtte een lijst met items, maar kreeg een ander type."))
            return nil
        }
    }
}

extension JSONBody {
    /// A whole number; an error when of another type.
    public mutating func integer(_ key: String) -> Int? {
        switch object[key] {
        case nil: return nil
        case .number(let value)? where value.rounded() == value && abs(value) < 1e15: return Int(value)
        default:
            errors.append(FieldError(name: prefix + key, code: "invalid", reason: "Een geldig geheel getal is vereist."))
            return nil
        }
    }
}
