import EventStore
import Foundation
import Logging
import PostgresNIO

/// The abonnementen table. The kanalen with their filters are kept as jsonb, the shape the API shows.
public struct AbonnementStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func all() async throws -> [Abonnement] {
        try await client.withConnection { try await Self.all(on: $0, logger: logger) }
    }

    static func all(on connection: PostgresConnection, logger: Logger) async throws -> [Abonnement] {
        try await decode(connection.query("SELECT uuid, callback_url, auth, kanalen::text FROM nrc.abonnementen ORDER BY created_at, uuid", logger: logger))
    }

    public func get(_ uuid: UUID) async throws -> Abonnement? {
        try await Self.decode(client.query("SELECT uuid, callback_url, auth, kanalen::text FROM nrc.abonnementen WHERE uuid = \(uuid)", logger: logger)).first
    }

    /// Inserts or replaces the abonnement.
    public func save(_ abonnement: Abonnement) async throws {
        let kanalen = String(decoding: try JSONCoding.encoder.encode(abonnement.kanalen), as: UTF8.self)
        try await client.query(
            """
            INSERT INTO nrc.abonnementen (uuid, callback_url, auth, kanalen) VALUES (\(abonnement.uuid), \(abonnement.callbackUrl), \(abonnement.auth), \(kanalen)::jsonb)
            ON CONFLICT (uuid) DO UPDATE SET callback_url = EXCLUDED.callback_url, auth = EXCLUDED.auth, kanalen = EXCLUDED.kanalen
            """, logger: logger)
    }

    /// Deletes the abonnement and its pending deliveries; false when there was none.
    public func delete(_ uuid: UUID) async throws -> Bool {
        try await client.query("DELETE FROM nrc.abonnementen WHERE uuid = \(uuid) RETURNING uuid", logger: logger).collect().count == 1
    }

    static func decode(_ rows: PostgresRowSequence) async throws -> [Abonnement] {
        var abonnementen: [Abonnement] = []
        for try await (uuid, callbackURL, auth, kanalen) in rows.decode((UUID, String, String, String).self) {
            let groups = try JSONCoding.decoder.decode([Abonnement.FilterGroup].self, from: Data(kanalen.utf8))
            abonnementen.append(Abonnement(uuid: uuid, callbackUrl: callbackURL, auth: auth, kanalen: groups))
        }
        return abonnementen
    }
}
