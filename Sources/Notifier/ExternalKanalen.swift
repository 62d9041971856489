import AsyncHTTPClient
import Domain
import EventStore
import Foundation
import Logging
import NIOCore

/// Registers our kanalen at the external Notificaties API when they are missing there, as a producer must
/// (`GET /kanaal?naam=…`, then `POST /kanaal`). Best effort, retried until it succeeds: messages queue for the
/// external API meanwhile, and their deliveries retry until the kanaal exists.
struct ExternalKanalen: Sendable {
    let api: ExternalNotificatiesAPI
    let logger: Logger
    let timeout: TimeAmount

    struct KanaalBody: Encodable {
        let naam: String
        let documentatieLink: String
        let filters: [String]
    }

    /// Tries every `retryInterval` until every kanaal is registered, or the task is cancelled.
    func registerAll(retryInterval: Duration = .seconds(60)) async {
        var missing = Kanaal.standard
        while !missing.isEmpty, !Task.isCancelled {
            var failed: [Kanaal] = []
            for kanaal in missing where !(await register(kanaal)) { failed.append(kanaal) }
            missing = failed
            if !missing.isEmpty { try? await Task.sleep(for: retryInterval) }
        }
    }

    /// True when the kanaal exists at the external API (already, or now).
    func register(_ kanaal: Kanaal) async -> Bool {
        do {
            var query = URLComponents(string: api.url + "/kanaal")
            query?.queryItems = [URLQueryItem(name: "naam", value: kanaal.naam)]
            var lookup = HTTPClientRequest(url: query?.string ?? api.url + "/kanaal")
            lookup.headers.add(name: "Authorization", value: api.authorization)
            lookup.headers.add(name: "Accept", value: "application/json")
            let found = try await HTTPClient.shared.execute(lookup, timeout: timeout)
            let body = try await found.body.collect(upTo: 1 << 20)
            if found.status == .ok, let existing = try? JSONDecoder().decode([JSONValue].self, from: Data(buffer: body)), !existing.isEmpty {
                return true
            }
            var create = HTTPClientRequest(url: api.url + "/kanaal")
            create.method = .POST
            create.headers.add(name: "Authorization", value: api.authorization)
            create.headers.add(name: "Content-Type", value: "application/json")
            create.body = .bytes(ByteBuffer(bytes: try JSONCoding.encoder.encode(
                KanaalBody(naam: kanaal.naam, documentatieLink: kanaal.documentatieLink, filters: kanaal.filters))))
            let created = try await HTTPClient.shared.execute(create, timeout: timeout)
            _ = try? await created.body.collect(upTo: 1 << 20)
            guard (200..<300).contains(created.status.code) else {
                logger.warning("registering a kanaal at the external Notificaties API failed", metadata: ["kanaal": "\(kanaal.naam)", "status": "\(created.status.code)"])
                return false
            }
            return true
        } catch {
            logger.warning("registering a kanaal at the external Notificaties API failed", metadata: ["kanaal": "\(kanaal.naam)", "error": "\(error)"])
            return false
        }
    }
}
