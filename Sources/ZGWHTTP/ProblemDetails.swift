import Domain

/// The standard's error body (`Fout`, or `ValidatieFout` with `invalidParams`), served as `application/problem+json`.
public struct ProblemDetails: Codable, Sendable, Equatable {
    public var type: String
    public var code: String
    public var title: String
    public var status: Int
    public var detail: String
    public var instance: String
    public var invalidParams: [InvalidParam]?

    public init(type: String, code: String, title: String, status: Int, detail: String, instance: String, invalidParams: [InvalidParam]? = nil) {
        self.type = type
        self.code = code
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
        self.invalidParams = invalidParams
    }
}

/// One field error (`FieldValidationError`): the domain's `FieldError`.
public typealias InvalidParam = FieldError
