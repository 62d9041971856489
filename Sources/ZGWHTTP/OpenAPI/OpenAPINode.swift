/// A JSON value whose object members keep their order, rendered as JSON or as YAML: an OpenAPI document reads
/// best in the order the spec writes it (`openapi`, `info`, `paths` …).
public indirect enum OpenAPINode: Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null
    case array([OpenAPINode])
    case object([(String, OpenAPINode)])

    /// The member named `key` of an object.
    public subscript(key: String) -> OpenAPINode? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Compact JSON.
    public var json: String {
        var out = ""
        appendJSON(to: &out)
        return out
    }

    /// Block-style YAML; every string is double-quoted (JSON's escapes are YAML's), so no value changes type.
    public var yaml: String {
        var out = ""
        if isContainer, !isEmptyContainer {
            appendYAMLBlock(to: &out, indent: 0)
        } else {
            appendJSON(to: &out)
            out += "\n"
        }
        return out
    }

    private var isEmptyContainer: Bool {
        switch self {
        case .object(let members): members.isEmpty
        case .array(let items): items.isEmpty
        default: false
        }
    }

    private func appendJSON(to out: inout String) {
        switch self {
        case .string(let text): Self.appendQuoted(text, to: &out)
        case .integer(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.appendJSON(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                Self.appendQuoted(key, to: &out)
                out += ":"
                value.appendJSON(to: &out)
            }
            out += "}"
        }
    }

    /// The lines of a non-empty object or array at `indent`.
    private func appendYAMLBlock(to out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .object(let members):
            for (key, value) in members {
                out += pad
                Self.appendKey(key, to: &out)
                out += ":"
                value.appendYAMLValue(to: &out, indent: indent + 2)
            }
        case .array(let items):
            for item in items {
                if item.isContainer, !item.isEmptyContainer {
                    // `- key: value`: the item's block, its first line after the dash.
                    var block = ""
                    item.appendYAMLBlock(to: &block, indent: indent + 2)
                    out += pad + "- " + block.dropFirst(indent + 2)
                } else {
                    out += pad + "-"
                    item.appendYAMLValue(to: &out, indent: indent + 2)
                }
            }
        default:
            break
        }
    }

    /// A value after `key:` or `-`: a scalar (or empty container) on the same line, a block on the next ones.
    private func appendYAMLValue(to out: inout String, indent: Int) {
        if isEmptyContainer || !isContainer {
            out += " "
            appendJSON(to: &out)
            out += "\n"
        } else {
            out += "\n"
            appendYAMLBlock(to: &out, indent: indent)
        }
    }

    private var isContainer: Bool {
        switch self {
        case .object, .array: true
        default: false
        }
    }

    /// Plain keys where YAML reads them as the same string, quoted otherwise (`"200"`, `"/zaken"`, `"on"`).
    private static func appendKey(_ key: String, to out: inout String) {
        let plain = key.first.map { $0.isLetter || $0 == "_" || $0 == "$" } == true
            && key.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "-" || $0 == "$" }
            && !["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(key.lowercased())
        if plain { out += key } else { appendQuoted(key, to: &out) }
    }

    private static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
