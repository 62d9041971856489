import Domain
import Foundation
import ZGWHTTP

/// Credentials for other ZGW APIs this server calls (a zaak or document on another host), as Open Zaak's
/// "services": per API root a client id and secret, from which a fresh ZGW JWT is made for every call.
/// Read from the JSON file named by `ZAAKSTROOM_EXTERNAL_SERVICES`:
/// `[{"apiRoot": "https://zaken.example.nl/zaken/api/v1", "clientId": "zaakstroom", "secret": "…"}]`.
struct ExternalServices: Sendable {
    struct Service: Codable, Sendable {
        var apiRoot: String
        var clientId: String
        var secret: String
    }

    let services: [Service]

    static let configured: ExternalServices = {
        guard let path = ProcessInfo.processInfo.environment["ZAAKSTROOM_EXTERNAL_SERVICES"], !path.isEmpty,
            let data = FileManager.default.contents(atPath: path), let services = try? JSONDecoder().decode([Service].self, from: data)
        else { return ExternalServices(services: []) }
        return ExternalServices(services: services)
    }()

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
