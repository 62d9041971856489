import ZGWHTTP

/// An external Notificaties API (Open Notificaties, say) that every message is forwarded to, as one more
/// subscriber: `POST <url>/notificaties` with a fresh ZGW JWT of this client.
public struct ExternalNotificatiesAPI: Sendable, Equatable {
    /// The API root, e.g. `https://notificaties.example.nl/api/v1`.
    public let url: String
    public let clientID: String
    public let secret: String

    public init(url: String, clientID: String, secret: String) {
        var root = url
        while root.hasSuffix("/") { root.removeLast() }
        self.url = root
        self.clientID = clientID
        self.secret = secret
    }

    var notificatiesURL: String { url + "/notificaties" }

    var authorization: String { "Bearer " + ZGWToken.make(clientID: clientID, secret: secret) }
}
