import Foundation

/// Reading parts of JSON values without a `switch` at every use.
extension JSONValue {
    /// The string value, or nil.
    public var text: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A whole number value (JSON numbers are doubles: exact up to 2^53), or nil.
    public var integer: Int? {
        if case .number(let value) = self, value.rounded() == value, abs(value) < 9.0e15 { return Int(value) }
        return nil
    }

    public var object: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The strings of an array value.
    public var strings: [String] {
        array?.compactMap(\.text) ?? []
    }
}

extension JSONValue {
    /// A JSON object from its text; empty when the text is not an object.
    public static func decodeObject(_ text: String) -> [String: JSONValue] {
        (try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))) ?? [:]
    }

    /// Compact JSON text.
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("null".utf8), as: UTF8.self)
    }
}

extension [String: JSONValue] {
    /// A string field, "" when absent or not a string.
    public func string(_ key: String) -> String { self[key]?.text ?? "" }
}
