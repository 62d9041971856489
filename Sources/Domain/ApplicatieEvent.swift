import Foundation

/// The events of an applicatie's stream. Each carries the full new state, so a projection never needs the
/// previous one.
public enum ApplicatieEvent {
    public static let created = "applicatie.created"
    public static let updated = "applicatie.updated"
    public static let deleted = "applicatie.deleted"

    /// Payload of `created` and `updated`.
    public struct State: Codable, Sendable, Equatable {
        public var applicatie: Applicatie
        public init(applicatie: Applicatie) { self.applicatie = applicatie }
    }

    /// Payload of `deleted`.
    public struct Deleted: Codable, Sendable, Equatable {
        public var uuid: UUID
        public init(uuid: UUID) { self.uuid = uuid }
    }
}
