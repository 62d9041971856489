import Domain

/// The Catalogi API's camelCase keys and Open Zaak's export keys (the serializers' snake_case field names):
/// `contactpersoonBeheerNaam` ⇄ `contactpersoon_beheer_naam`, nested objects included.
enum KeyCase {
    static func snake(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase {
                out.append("_")
                out.append(contentsOf: character.lowercased())
            } else {
                out.append(character)
            }
        }
        return out
    }

    static func camel(_ key: String) -> String {
        var out = ""
        var upper = false
        for character in key {
            if character == "_", !out.isEmpty {
                upper = true
            } else if upper {
                out.append(contentsOf: character.uppercased())
                upper = false
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The value with every object key converted by `convert`, at any depth.
    static func converting(_ value: JSONValue, _ convert: (String) -> String) -> JSONValue {
        switch value {
        case .object(let object):
            var converted: [String: JSONValue] = [:]
            for (key, field) in object { converted[convert(key)] = converting(field, convert) }
            return .object(converted)
        case .array(let items): return .array(items.map { converting($0, convert) })
        default: return value
        }
    }
}
