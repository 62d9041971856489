/// A validation error on one input field (`FieldValidationError`, an entry of `invalidParams`): `name` is the
/// camelCase, dotted path of the field, `code` the standard's error code.
public struct FieldError: Error, Codable, Sendable, Equatable {
    public var name: String
    public var code: String
    public var reason: String

    public init(name: String, code: String, reason: String) {
        self.name = name
        self.code = code
        self.reason = reason
    }

    public static func required(_ name: String) -> FieldError {
        FieldError(name: name, code: "required", reason: "Dit veld is vereist.")
    }
}

/// All field errors of one request, thrown together.
public struct ValidationErrors: Error, Sendable, Equatable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}
