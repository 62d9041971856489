import Foundation

/// The checks of one string value: choices, blank, length, control characters, format and pattern, with
/// DRF's error codes. Date-times are normalised to UTC (`2026-01-02T03:04:05Z`).
enum StringChecks {
    static func check(_ text: String, rule: StringRule, required: Bool, path: String, errors: inout [FieldError]) -> String {
        if let choices = rule.choices {
            if !choices.contains(text) {
                errors.append(FieldError(name: path, code: "invalid_choice", reason: "\"\(text)\" is een ongeldige keuze."))
            }
            return text
        }
        if text.isEmpty {
            if required || (rule.minLength ?? 0) > 0 || [.date, .dateTime, .uuid].contains(rule.format) {
                errors.append(FieldError(name: path, code: "blank", reason: "Dit veld mag niet leeg zijn."))
            }
            return text
        }
        let length = text.unicodeScalars.count
        if let maxLength = rule.maxLength, length > maxLength {
            errors.append(FieldError(name: path, code: "max_length", reason: "Zorg ervoor dat dit veld niet meer dan \(maxLength) karakters bevat."))
        }
        if let minLength = rule.minLength, length < minLength {
            errors.append(FieldError(name: path, code: "min_length", reason: "Zorg ervoor dat dit veld minimaal \(minLength) karakters bevat."))
        }
        // U+0001 marks our own URLs in stored JSON, and no ZGW text needs control characters.
        if text.unicodeScalars.contains(where: { $0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value) }) {
            errors.append(FieldError(name: path, code: "invalid", reason: "Stuurtekens zijn niet toegestaan."))
            return text
        }
        var normalised = text
        switch rule.format {
        case .date?:
            if ZGWDate(text) == nil {
                errors.append(FieldError(name: path, code: "invalid", reason: "Datum heeft het verkeerde formaat, gebruik YYYY-MM-DD."))
            }
        case .dateTime?:
            if let date = ZGWDateTime.parse(text) {
                normalised = ZGWDateTime.format(date)
            } else {
                errors.append(FieldError(name: path, code: "invalid", reason: "Datetime heeft een ongeldig formaat, gebruik YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."))
            }
        case .uri?:
            if !isURL(text) {
                errors.append(FieldError(name: path, code: "invalid", reason: "Voer een geldige URL in."))
            }
        case .uuid?:
            if UUID(uuidString: text) == nil {
                errors.append(FieldError(name: path, code: "invalid", reason: "Voer een geldige UUID in."))
            }
        case .duration?:
            if !FieldValidator.isDuration(text) {
                errors.append(FieldError(name: path, code: "invalid", reason: "Voer een geldige ISO 8601-duur in, bijvoorbeeld P30D."))
            }
        case .email?:
            var validator = FieldValidator()
            validator.email(text, path, maxLength: Int.max)
            errors += validator.errors
        default:
            break
        }
        if let pattern = rule.pattern, text.range(of: pattern, options: .regularExpression) == nil {
            errors.append(FieldError(name: path, code: "invalid", reason: "Deze waarde voldoet niet aan het vereiste patroon."))
        }
        return normalised
    }

    /// An absolute http(s) URL with a host.
    static func isURL(_ text: String) -> Bool {
        guard !text.contains(" "), let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }
}
