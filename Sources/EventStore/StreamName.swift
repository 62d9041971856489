import Foundation

/// Stream ids are `<category>-<id>` (`zaak-<uuid>`, `applicatie-<uuid>`), Message DB's convention: the category
/// is the aggregate type and lets readers pick one kind of stream.
public enum StreamName {
    public static func make(category: String, id: UUID) -> String {
        "\(category)-\(id.uuidString.lowercased())"
    }

    /// The part before the first `-`.
    public static func category(of streamID: String) -> String {
        guard let dash = streamID.firstIndex(of: "-") else { return streamID }
        return String(streamID[..<dash])
    }

    /// The id part of a stream of `category` (`zaak-<uuid>` → `<uuid>`); nil for streams of other categories.
    public static func id(of streamID: String, category: String) -> String? {
        guard streamID.hasPrefix(category + "-") else { return nil }
        return String(streamID.dropFirst(category.count + 1))
    }

    /// A stream id is non-empty, at most 200 characters and free of control characters, so that the
    /// newline-separated digest of the hash chain stays unambiguous.
    static func validate(_ streamID: String) throws(EventStoreError) {
        guard !streamID.isEmpty, streamID.count <= 200,
            !streamID.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw EventStoreError(code: .invalidStreamID, streamID: streamID)
        }
    }
}
