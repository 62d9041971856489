/// The text a string field takes from a JSON value, as Django REST framework's `CharField` (and so the reference)
/// reads it: a string as it is, a number in its decimal form (`20` becomes `"20"`); a boolean, object, array or
/// null is no string.
extension JSONValue {
    public var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .number(let number) where number.isFinite:
            if let whole = integer { return String(whole) }
            return String(number)
        default: return nil
        }
    }
}
