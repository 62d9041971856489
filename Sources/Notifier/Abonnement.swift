import Domain
import Foundation

/// A subscription of the Notificaties API: where to POST messages (`callbackUrl`, with `auth` as the
/// `Authorization` header) and which ones (`kanalen` with their filters).
public struct Abonnement: Sendable, Equatable, Codable {
    public var uuid: UUID
    public var callbackUrl: String
    public var auth: String
    public var kanalen: [FilterGroup]

    /// One kanaal of an abonnement, with `{kenmerk: value}` filters; `*` matches any value.
    public struct FilterGroup: Sendable, Equatable, Codable {
        public var naam: String
        public var filters: [String: String]

        public init(naam: String, filters: [String: String] = [:]) {
            self.naam = naam
            self.filters = filters
        }

        /// Open Notificaties' rule: the kanaal matches, and every filter is `*` or equals the message's kenmerk.
        public func matches(_ message: NotificationMessage) -> Bool {
            naam == message.kanaal && filters.allSatisfy { key, value in value == "*" || message.kenmerken[key] == value }
        }
    }

    public init(uuid: UUID = UUID(), callbackUrl: String, auth: String, kanalen: [FilterGroup]) {
        self.uuid = uuid
        self.callbackUrl = callbackUrl
        self.auth = auth
        self.kanalen = kanalen
    }

    public func matches(_ message: NotificationMessage) -> Bool {
        kanalen.contains { $0.matches(message) }
    }

    public static func path(_ uuid: UUID) -> String {
        "\(ZGWAPI.notificaties.root)/abonnement/\(uuid.uuidString.lowercased())"
    }
}
