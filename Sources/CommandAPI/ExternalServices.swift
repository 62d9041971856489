import Domain
import Foundation
import ZGWHTTP

/// Credentials for other ZGW APIs this server calls (a zaak or document on another host), as Open Zaak's
/// "services": per API root a client id and secret, from which a fresh ZGW JWT is made for every call.
/// The configuration reads them from the JSON file named by `ZAAKSTROOM_EXTERNAL_SERVICES`:
/// `[{"apiRoot": "https://zaken.example.nl/zaken/api/v1", "clientId": "zaakstroom", "secret": "…"}]`.
public struct ExternalServices: Sendable {
    public struct Service: Codable, Sendable {
        public var apiRoot: String
        public var clientId: String
        public var secret: String

        public init(apiRoot: String, clientId: String, secret: String) {
            self.apiRoot = apiRoot
            self.clientId = clientId
            self.secret = secret
        }
    }

    public let services: [Service]

    public init(services: [Service]) {
        self.services = services
    }

    /// The services in the JSON file at `path`.
    public static func load(path: String) throws -> ExternalServices {
        ExternalServices(services: try JSONDecoder().decode([Service].self, from: Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// Their API roots (whose hosts the server may call).
    public var apiRoots: [String] { services.map(\.apiRoot) }

    /// The `Authorization` header for a call to `url`: the longest configured API root it falls under.
    func authorization(for url: String) -> String? {
        // Whole path segments only: a root `https://zaken.example.nl` must not match `https://zaken.example.nl.evil.example`.
        let service = services.filter { service in
            let root = service.apiRoot.hasSuffix("/") ? String(service.apiRoot.dropLast()) : service.apiRoot
            return url == root || url.hasPrefix(root + "/") || url.hasPrefix(root + "?")
        }.max { $0.apiRoot.count < $1.apiRoot.count }
        return service.map { "Bearer " + ZGWToken.make(clientID: $0.clientId, secret: $0.secret) }
    }
}
