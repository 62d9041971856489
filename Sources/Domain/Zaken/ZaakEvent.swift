import Foundation

/// The payload of every event in a zaak's stream: the resource's complete state after the change (nil when
/// deleted), and the facts the notifier publishes (kanaal `zaken`, kenmerken of the zaak).
public struct ZaakEvent: Codable, Sendable, Equatable {
    /// The uuid of the resource that changed (the zaak's own uuid for `zaak.*`).
    public var uuid: UUID
    /// The stored representation: our own URLs relative behind `ResourceURL.marker`.
    public var state: [String: JSONValue]?
    /// What the Notificaties message says; nil for changes the API made as a consequence of another
    /// (the zaak's einddatum when its end status is set), which are neither notified nor audited separately.
    public var notificatie: NotificationFacts?

    public init(uuid: UUID, state: [String: JSONValue]?, notificatie: NotificationFacts?) {
        self.uuid = uuid
        self.state = state
        self.notificatie = notificatie
    }

    /// A change the API derived from another change in the same request.
    public var isDerived: Bool { notificatie == nil }
}

/// The facts of a Notificaties message an event leads to; the notifier adds `actie` (from the event's
/// metadata) and `aanmaakdatum` (the event's time). URLs are stored relative, like read models.
public struct NotificationFacts: Codable, Sendable, Equatable {
    public var kanaal: String
    public var hoofdObject: String
    public var resource: String
    public var resourceUrl: String
    public var kenmerken: [String: String]

    public init(kanaal: String, hoofdObject: String, resource: String, resourceUrl: String, kenmerken: [String: String]) {
        self.kanaal = kanaal
        self.hoofdObject = hoofdObject
        self.resource = resource
        self.resourceUrl = resourceUrl
        self.kenmerken = kenmerken
    }
}
