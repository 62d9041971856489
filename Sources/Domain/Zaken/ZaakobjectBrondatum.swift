/// zrc-021, afleidingswijze `zaakobject`: the brondatum is the latest value of the attribute `datumkenmerk` of the
/// zaak's zaakobjecten of the resultaattype's `objecttype`. The attribute is read from the zaakobject's
/// `objectIdentificatie` (local objects) or from the resource behind its `object` URL; a path into nested
/// objects is written with `/` (`adres/datum`). Values are read as the reference reads them (a date, possibly
/// without zero padding such as `2013-1-1`, or a date-time whose date counts).
public enum ZaakobjectBrondatum {
    /// The latest of the dates in `objects` (the attributes of each zaakobject); nil when none has one.
    public static func latest(in objects: [[String: JSONValue]], datumkenmerk: String) -> ZGWDate? {
        objects.compactMap { value(in: $0, datumkenmerk: datumkenmerk).flatMap(date(from:)) }.max()
    }

    /// The text at `datumkenmerk` in `object`; each step also matches the camelCase form of a snake_case name
    /// (the reference names the attributes of its models).
    public static func value(in object: [String: JSONValue], datumkenmerk: String) -> String? {
        var current: JSONValue = .object(object)
        for step in datumkenmerk.split(separator: "/").map(String.init) {
            guard case .object(let fields) = current, let next = fields[step] ?? fields[camelCase(step)] else { return nil }
            current = next
        }
        return current.text
    }

    /// A date from `YYYY-M-D` (one- or two-digit month and day), optionally followed by a time (`T…` or ` …`).
    public static func date(from text: String) -> ZGWDate? {
        let datePart = text.prefix { $0 != "T" && $0 != " " }
        let parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        let padded = parts[0] + "-" + String(repeating: "0", count: 2 - parts[1].count) + parts[1] + "-"
            + String(repeating: "0", count: 2 - parts[2].count) + parts[2]
        return ZGWDate(String(padded))
    }

    static func camelCase(_ name: String) -> String {
        let words = name.split(separator: "_")
        guard let first = words.first else { return name }
        return String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
