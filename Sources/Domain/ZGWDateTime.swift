import Foundation

/// `format: date-time` values: ISO 8601 in, UTC with `Z` out, as Open Zaak renders them.
public enum ZGWDateTime {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Parses `YYYY-MM-DDThh:mm[:ss[.ffffff]][Z|±hh:mm|±hhmm]`; a time without zone is taken as UTC.
    public static func parse(_ text: String) -> Date? {
        guard let separator = text.firstIndex(where: { $0 == "T" || $0 == " " }), let date = ZGWDate(String(text[..<separator])) else { return nil }
        var time = Substring(text[text.index(after: separator)...])
        var offsetSeconds = 0
        if time.hasSuffix("Z") || time.hasSuffix("z") {
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = time[time.index(after: sign)...].replacingOccurrences(of: ":", with: "")
            guard zone.count == 4, let hours = Int(zone.prefix(2)), let minutes = Int(zone.suffix(2)), hours < 24, minutes < 60 else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (time[sign] == "-" ? -1 : 1)
            time = time[..<sign]
        }
        let parts = time.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts[0].count == 2, parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60
        else { return nil }
        var seconds = 0.0
        if parts.count == 3 {
            let secondText = parts[2]
            guard secondText.count >= 2, secondText.prefix(2).allSatisfy(\.isNumber), let value = Double(secondText), value < 60,
                secondText.allSatisfy({ $0.isNumber || $0 == "." })
            else { return nil }
            seconds = value
        }
        let components = DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute)
        guard let base = utc.date(from: components) else { return nil }
        return base.addingTimeInterval(seconds - Double(offsetSeconds))
    }

    /// `2026-01-02T03:04:05Z`, with microseconds only when there are any.
    public static func format(_ date: Date) -> String {
        let components = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let whole = date.timeIntervalSince1970.rounded(.down)
        let micros = Int(((date.timeIntervalSince1970 - whole) * 1_000_000).rounded())
        var text = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", components.year!, components.month!, components.day!, components.hour!, components.minute!,
            components.second!)
        if micros > 0 && micros < 1_000_000 { text += String(format: ".%06d", micros) }
        return text + "Z"
    }

    /// Today's date in UTC.
    public static func today(_ now: Date = Date()) -> ZGWDate {
        let components = utc.dateComponents([.year, .month, .day], from: now)
        return ZGWDate(String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!))!
    }
}
