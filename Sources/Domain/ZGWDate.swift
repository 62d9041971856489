import Foundation

/// A calendar date (`format: date`, `YYYY-MM-DD`) as the specs use it; encodes and decodes as that string.
public struct ZGWDate: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...Self.days(in: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func days(in month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = ZGWDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Datum heeft het verkeerde formaat, gebruik YYYY-MM-DD."))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: ZGWDate, rhs: ZGWDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension ZGWDate {
    /// The date as a `Date` at midnight UTC.
    public var date: Date {
        ZGWDateTime.utc.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The date `duration` (ISO 8601: years, months, weeks, days; time parts ignored) later; nil for a
    /// duration it cannot read.
    public func adding(duration: String) -> ZGWDate? {
        guard duration.hasPrefix("P") else { return nil }
        var components = DateComponents()
        var number = ""
        for character in duration.dropFirst() {
            if character == "T" { break }
            if character.isNumber { number.append(character); continue }
            guard let value = Int(number) else { return nil }
            switch character {
            case "Y": components.year = value
            case "M": components.month = value
            case "W": components.day = (components.day ?? 0) + 7 * value
            case "D": components.day = (components.day ?? 0) + value
            default: return nil
            }
            number = ""
        }
        guard let result = ZGWDateTime.utc.date(byAdding: components, to: date) else { return nil }
        return ZGWDateTime.today(result)
    }
}
