import Foundation

/// A Notificaties API message (`Notificatie`), as the notifier publishes them for every committed change.
/// `kenmerken` come from the main object, values are strings, keys camelCase.
public struct NotificationMessage: Codable, Sendable, Equatable {
    public var kanaal: String
    public var hoofdObject: String
    public var resource: String
    public var resourceUrl: String
    public var actie: String
    public var aanmaakdatum: Date
    public var kenmerken: [String: String]

    public init(kanaal: String, hoofdObject: String, resource: String, resourceUrl: String, actie: String, aanmaakdatum: Date, kenmerken: [String: String]) {
        self.kanaal = kanaal
        self.hoofdObject = hoofdObject
        self.resource = resource
        self.resourceUrl = resourceUrl
        self.actie = actie
        self.aanmaakdatum = aanmaakdatum
        self.kenmerken = kenmerken
    }
}
