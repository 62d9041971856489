import Foundation

/// An event as committed in the log.
public struct RecordedEvent: Sendable, Equatable {
    /// Global position: gap-free and in commit order, starting at 1.
    public let position: Int64
    public let streamID: String
    /// Version within the stream, starting at 1.
    public let version: Int64
    public let eventID: UUID
    public let type: String
    public let schemaVersion: Int
    /// The payload as PostgreSQL's canonical jsonb text.
    public let data: String
    public let metadata: EventMetadata
    public let recordedAt: Date

    public init(
        position: Int64, streamID: String, version: Int64, eventID: UUID, type: String, schemaVersion: Int, data: String,
        metadata: EventMetadata, recordedAt: Date
    ) {
        self.position = position
        self.streamID = streamID
        self.version = version
        self.eventID = eventID
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
        self.recordedAt = recordedAt
    }

    /// Decodes the payload.
    public func decode<Payload: Decodable>(_ type: Payload.Type) throws -> Payload {
        try JSONCoding.decoder.decode(Payload.self, from: Data(data.utf8))
    }
}
