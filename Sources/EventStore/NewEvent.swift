import Foundation

/// An event a command decided on, not yet in the log.
public struct NewEvent: Sendable {
    /// Unique id; appending the same id twice is refused, which makes retries idempotent.
    public var eventID: UUID
    /// The event type, e.g. `zaak.created`.
    public var type: String
    /// Version of the payload's shape, so upcasters can read old events.
    public var schemaVersion: Int
    /// The payload as JSON text. PostgreSQL stores it as jsonb, whose canonical text the hash chain covers.
    public var data: String

    public init(eventID: UUID = UUID(), type: String, schemaVersion: Int = 1, data: String) {
        self.eventID = eventID
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
    }

    /// Encodes `payload` as the event's data.
    public init<Payload: Encodable>(eventID: UUID = UUID(), type: String, schemaVersion: Int = 1, payload: Payload) throws {
        let bytes = try JSONCoding.encoder.encode(payload)
        self.init(eventID: eventID, type: type, schemaVersion: schemaVersion, data: String(decoding: bytes, as: UTF8.self))
    }
}
