import Foundation

/// One claimed delivery: a message for one subscriber, leased to this worker until `leaseToken` expires.
public struct Delivery: Sendable, Equatable {
    public let id: Int64
    /// The abonnement's uuid, or `external`.
    public let subscriber: String
    /// Attempts so far, this one included.
    public let attempts: Int
    public let body: String
    /// When the event was committed (for the end-to-end delay).
    public let committedAt: Date
    /// The abonnement's callback and `Authorization` value; nil for the external Notificaties API.
    public let callbackURL: String?
    public let auth: String?
    public let leaseToken: UUID
}

/// Whom a message is for: an abonnement of the built-in API, or the configured external Notificaties API.
public enum DeliveryTarget: Sendable, Hashable {
    case abonnement(UUID)
    case external

    public static let externalName = "external"

    /// The `subscriber` column.
    public var subscriber: String {
        switch self {
        case .abonnement(let uuid): uuid.uuidString.lowercased()
        case .external: Self.externalName
        }
    }
}
