import Foundation

/// JSON coders for API bodies: stable key order, no escaped slashes in URLs.
public enum JSONCoder {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
