import Domain
import Logging
import PostgresNIO

/// Our own URLs as absolute URLs, for the checks that run outside a write's transaction (the Selectielijst
/// references): whether one would answer 200, on a pooled connection.
public struct OwnResources: Sendable {
    let client: PostgresClient
    let baseURL: String
    let logger: Logger

    public init(client: PostgresClient, baseURL: String, logger: Logger) {
        self.client = client
        self.baseURL = baseURL
        self.logger = logger
    }

    /// The stored form of `url` when it is one of ours, else nil.
    func local(_ url: String) -> String? {
        let stored = ResourceURL.stored(url, baseURL: baseURL)
        return stored.hasPrefix(ResourceURL.marker) ? stored : nil
    }

    func answers(_ storedURL: String) async throws -> Bool {
        try await client.withConnection { connection in try await LocalResources.answers(storedURL, connection: connection, logger: logger) }
    }
}
