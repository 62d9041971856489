import Foundation

/// The payload of every event in a document's stream. For the informatieobject, `state` is the complete
/// version (`versie` in it): a new `versie` is a new version, the same `versie` amends that version (the
/// `indicatieGebruiksrecht` the gebruiksrechten derive). The bytes themselves are in the content store;
/// events name them by `content` digest only.
public struct DocumentEvent: Codable, Sendable, Equatable {
    /// The uuid of the resource that changed (the informatieobject's own uuid for its versions and locks).
    public var uuid: UUID
    /// The stored representation (our URLs relative behind `ResourceURL.marker`); nil when deleted.
    public var state: [String: JSONValue]?
    /// The bytes of this version (or of this bestandsdeel, or merged on unlock).
    public var content: StoredContent?
    /// The lock id set by `locked` (and by a create that starts a bestandsdelen upload).
    public var lock: String?
    /// The bestandsdelen a version expects (a large-file upload); empty when the content came inline.
    public var parts: [PlannedPart]?
    /// What the Notificaties message says (kanaal `documenten`); nil for derived changes.
    public var notificatie: NotificationFacts?

    public init(
        uuid: UUID, state: [String: JSONValue]?, content: StoredContent? = nil, lock: String? = nil, parts: [PlannedPart]? = nil,
        notificatie: NotificationFacts?
    ) {
        self.uuid = uuid
        self.state = state
        self.content = content
        self.lock = lock
        self.parts = parts
        self.notificatie = notificatie
    }
}

/// Bytes in the content store: their sha256 (lowercase hex) and size.
public struct StoredContent: Codable, Sendable, Hashable {
    public var sha256: String
    public var size: Int64

    public init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }
}

/// One bestandsdeel of a large-file upload: where it sits in the file and how many bytes it must have.
public struct PlannedPart: Codable, Sendable, Equatable {
    public var uuid: UUID
    public var volgnummer: Int
    public var omvang: Int64

    public init(uuid: UUID, volgnummer: Int, omvang: Int64) {
        self.uuid = uuid
        self.volgnummer = volgnummer
        self.omvang = omvang
    }

    /// The parts of a file of `size` bytes in chunks of at most `chunkSize`.
    public static func plan(size: Int64, chunkSize: Int64) -> [PlannedPart] {
        guard size > 0, chunkSize > 0 else { return [] }
        var parts: [PlannedPart] = []
        var offset: Int64 = 0
        while offset < size {
            let omvang = min(chunkSize, size - offset)
            parts.append(PlannedPart(uuid: UUID(), volgnummer: parts.count + 1, omvang: omvang))
            offset += omvang
        }
        return parts
    }
}
