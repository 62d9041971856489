import Foundation

/// An event appended inside an open transaction: its stream version is known, its global position is not yet
/// (positions are assigned as the last step before commit, see `EventStoreTransaction`).
public struct AppendedEvent: Sendable {
    public let streamID: String
    public let version: Int64
    public let event: NewEvent
    public let metadata: EventMetadata

    public var eventID: UUID { event.eventID }
    public var type: String { event.type }
    public var data: String { event.data }

    /// Decodes the payload.
    public func decode<Payload: Decodable>(_ type: Payload.Type) throws -> Payload {
        try JSONCoding.decoder.decode(Payload.self, from: Data(event.data.utf8))
    }
}

extension AppendedEvent {
    /// A recorded event handed to projectors again, for a rebuild from the log.
    public init(replaying recorded: RecordedEvent) {
        self.init(
            streamID: recorded.streamID, version: recorded.version,
            event: NewEvent(eventID: recorded.eventID, type: recorded.type, schemaVersion: recorded.schemaVersion, data: recorded.data),
            metadata: recorded.metadata)
    }
}
