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
