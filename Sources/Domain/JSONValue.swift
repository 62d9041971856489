/// Any JSON value, decoded without losing the difference between booleans and numbers.
public enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Each miss throws a DecodingError (with its coding path), which costs more than the decoding itself: strings,
        // the most common values in ZGW documents, are tried first. No type is converted into another (a number is no
        // Bool, nothing is a String but a string), so the order changes no result.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// True when a string or key anywhere in the value holds U+0000, which PostgreSQL's jsonb refuses.
    public var containsNUL: Bool {
        switch self {
        case .string(let text): text.contains("\u{0}")
        case .array(let items): items.contains { $0.containsNUL }
        case .object(let object): object.contains { $0.key.contains("\u{0}") || $0.value.containsNUL }
        default: false
        }
    }
}
