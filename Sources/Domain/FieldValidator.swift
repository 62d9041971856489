import Foundation

/// Collects field errors while checking input against the spec's constraints (required, length, format),
/// in DRF's wording, so a client sees every problem of its request at once.
public struct FieldValidator: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ error: FieldError) {
        errors.append(error)
    }

    /// Required text: present and not blank.
    public mutating func requireText(_ value: String?, _ name: String, maxLength: Int? = nil, minLength: Int? = nil) {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            add(value == nil ? .required(name) : FieldError(name: name, code: "blank", reason: "Dit veld mag niet leeg zijn."))
            return
        }
        text(value, name, maxLength: maxLength, minLength: minLength)
    }

    /// Optional text: length limits and no control characters.
    public mutating func text(_ value: String?, _ name: String, maxLength: Int? = nil, minLength: Int? = nil) {
        guard let value else { return }
        if let maxLength, value.count > maxLength {
            add(FieldError(name: name, code: "max_length", reason: "Zorg ervoor dat dit veld niet meer dan \(maxLength) karakters bevat."))
        }
        if let minLength, !value.isEmpty, value.count < minLength {
            add(FieldError(name: name, code: "min_length", reason: "Zorg ervoor dat dit veld minimaal \(minLength) karakters bevat."))
        }
        // Control characters other than tab and line breaks are refused: they have no place in ZGW text, and
        // U+0001 marks our own resource URLs in stored JSON.
        if value.unicodeScalars.contains(where: { $0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value) }) {
            add(FieldError(name: name, code: "invalid", reason: "Stuurtekens zijn niet toegestaan."))
        }
    }

    /// An RSIN: nine digits passing the eleven test ("elfproef"), as Open Zaak validates it.
    public mutating func rsin(_ value: String?, _ name: String, required: Bool) {
        guard let value, !value.isEmpty else {
            if required { add(.required(name)) }
            return
        }
        guard value.count == 9, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) else {
            add(FieldError(name: name, code: "invalid-length", reason: "Voer een RSIN van 9 cijfers in."))
            return
        }
        let digits = value.compactMap(\.wholeNumberValue)
        let total = (0..<8).reduce(0) { $0 + digits[$1] * (9 - $1) } - digits[8]
        if total % 11 != 0 {
            add(FieldError(name: name, code: "invalid", reason: "Onjuist RSIN: de elfproef klopt niet."))
        }
    }

    /// An e-mail address (the shape Django's EmailValidator accepts, simplified).
    public mutating func email(_ value: String?, _ name: String, maxLength: Int) {
        guard let value, !value.isEmpty else { return }
        text(value, name, maxLength: maxLength)
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !value.contains(" ")
        if !valid { add(FieldError(name: name, code: "invalid", reason: "Voer een geldig e-mailadres in.")) }
    }

    /// Throws every collected error.
    public func check() throws(ValidationErrors) {
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}

extension FieldValidator {
    /// An ISO 8601 duration (`P1Y2M`, `P6W`, `PT1H30M`, `P10D`), as the specs' `format: duration`.
    public mutating func duration(_ value: String?, _ name: String) {
        guard let value else { return }
        if !Self.isDuration(value) {
            add(FieldError(name: name, code: "invalid", reason: "Voer een geldige ISO 8601-duur in, bijvoorbeeld P30D."))
        }
    }

    static func isDuration(_ text: String) -> Bool {
        var rest = Substring(text)
        guard rest.first == "P" else { return false }
        rest = rest.dropFirst()
        var sawComponent = false, inTime = false, units = "YMWD"
        while !rest.isEmpty {
            if rest.first == "T" {
                guard !inTime else { return false }
                inTime = true
                units = "HMS"
                rest = rest.dropFirst()
                guard !rest.isEmpty else { return false }
                continue
            }
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, Double(number) != nil, !number.hasSuffix(".") else { return false }
            rest = rest.dropFirst(number.count)
            // Units in order, each once; fractions only on seconds.
            guard let unit = rest.first, let index = units.firstIndex(of: unit) else { return false }
            if number.contains("."), unit != "S" { return false }
            units = String(units[units.index(after: index)...])
            rest = rest.dropFirst()
            sawComponent = true
        }
        return sawComponent
    }
}
