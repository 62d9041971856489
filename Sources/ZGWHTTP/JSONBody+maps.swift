import Domain

extension JSONBody {
    /// An object of string values (`{"kenmerk": "waarde"}`); errors name the field or the entry (`filters.zaaktype`).
    public mutating func stringMap(_ key: String) -> [String: String]? {
        switch object[key] {
        case nil, .null?: return nil
        case .object(let entries)?:
            var map: [String: String] = [:]
            for (name, value) in entries {
                guard case .string(let string) = value else {
                    errors.append(FieldError(name: "\(prefix)\(key).\(name)", code: "invalid", reason: "Geen geldige string."))
                    continue
                }
                map[name] = string
            }
            return map
        default:
            errors.append(FieldError(name: prefix + key, code: "invalid", reason: "Ongeldige data. Verwachtte een dictionary."))
            return nil
        }
    }
}

extension JSONBody {
    /// A list of whole numbers; an error naming the item (`ids.2`) otherwise.
    public mutating func integerArray(_ key: String) -> [Int64]? {
        switch object[key] {
        case nil: return nil
        case .array(let items)?:
            var numbers: [Int64] = []
            for (index, item) in items.enumerated() {
                guard case .number(let number) = item, number == number.rounded(), abs(number) < 9e15 else {
                    errors.append(FieldError(name: "\(prefix)\(key).\(index)", code: "invalid", reason: "Een geldig geheel getal is vereist."))
                    continue
                }
                numbers.append(Int64(number))
            }
            return numbers
        default:
            errors.append(FieldError(name: prefix + key, code: "not_a_list", reason: "Verwachtte een lijst met items, maar kreeg een ander type."))
            return nil
        }
    }
}
