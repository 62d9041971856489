import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The server's in-memory copy of every client's secret and applicatie, so authenticating a request costs no
/// query. `ApplicatieRegistryRefresher` reloads it whenever the auth tables change (on any instance).
public final class ApplicatieRegistry: Sendable {
    private let credentials = Mutex<[String: ClientCredential]>([:])

    public init() {}

    public func credential(for clientID: String) -> ClientCredential? {
        credentials.withLock { $0[clientID] }
    }

    public var count: Int { credentials.withLock { $0.count } }

    /// Replaces the whole copy from the database.
    public func reload(client: PostgresClient, logger: Logger) async throws {
        let rows = try await client.query(
            """
            SELECT s.client_id, s.secret, a.uuid, a.client_ids, a.label, a.heeft_alle_autorisaties, a.autorisaties::text
            FROM auth.jwt_secrets s LEFT JOIN auth.applicaties a ON s.client_id = ANY (a.client_ids)
            """, logger: logger)
        var loaded: [String: ClientCredential] = [:]
        for try await (clientID, secret, uuid, clientIDs, label, all, autorisaties) in rows.decode(
            (String, String, UUID?, [String]?, String?, Bool?, String?).self)
        {
            var applicatie: Applicatie?
            if let uuid, let clientIDs, let label, let all, let autorisaties {
                applicatie = Applicatie(
                    uuid: uuid, clientIds: clientIDs, label: label, heeftAlleAutorisaties: all,
                    autorisaties: try JSONCoding.decoder.decode([Autorisatie].self, from: Data(autorisaties.utf8)))
            }
            loaded[clientID] = ClientCredential(clientID: clientID, secret: secret, applicatie: applicatie)
        }
        credentials.withLock { $0 = loaded }
    }
}
