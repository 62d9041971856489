import Foundation

/// A consumer of the APIs and what it may do (Autorisaties API `Applicatie`). An event-sourced aggregate:
/// its stream is `applicatie-<uuid>`.
public struct Applicatie: Codable, Sendable, Equatable {
    public var uuid: UUID
    /// The JWT `client_id`s that act as this applicatie; each belongs to one applicatie only (ac-001).
    public var clientIds: [String]
    public var label: String
    public var heeftAlleAutorisaties: Bool
    public var autorisaties: [Autorisatie]

    public init(uuid: UUID = UUID(), clientIds: [String], label: String, heeftAlleAutorisaties: Bool, autorisaties: [Autorisatie] = []) {
        self.uuid = uuid
        self.clientIds = clientIds
        self.label = label
        self.heeftAlleAutorisaties = heeftAlleAutorisaties
        self.autorisaties = autorisaties
    }

    public static let streamCategory = "applicatie"
}
