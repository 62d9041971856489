import Foundation
import Logging
import PostgresNIO

/// The kanalen table. Names are unique.
public struct KanaalStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Registers the standard kanalen that are missing; existing ones (and their filters) are left alone.
    /// Safe to run at every start-up, by several instances at once.
    public func registerStandard() async throws {
        for kanaal in Kanaal.standard {
            try await client.query(
                """
                INSERT INTO nrc.kanalen (uuid, naam, documentatie_link, filters)
                VALUES (\(UUID()), \(kanaal.naam), \(kanaal.documentatieLink), \(kanaal.filters)::text[])
                ON CONFLICT (naam) DO NOTHING
                """, logger: logger)
        }
    }

    /// Every kanaal, or the one named `naam`.
    public func list(naam: String? = nil) async throws -> [Kanaal] {
        try await Self.decode(
            client.query(
                "SELECT uuid, naam, documentatie_link, filters FROM nrc.kanalen WHERE \(naam == nil) OR naam = \(naam ?? "") ORDER BY naam",
                logger: logger))
    }

    public func get(_ uuid: UUID) async throws -> Kanaal? {
        try await Self.decode(client.query("SELECT uuid, naam, documentatie_link, filters FROM nrc.kanalen WHERE uuid = \(uuid)", logger: logger)).first
    }

    /// Inserts the kanaal; false when its name is taken.
    public func insert(_ kanaal: Kanaal) async throws -> Bool {
        try await client.query(
            """
            INSERT INTO nrc.kanalen (uuid, naam, documentatie_link, filters)
            VALUES (\(kanaal.uuid), \(kanaal.naam), \(kanaal.documentatieLink), \(kanaal.filters)::text[])
            ON CONFLICT (naam) DO NOTHING RETURNING uuid
            """, logger: logger
        ).collect().count == 1
    }

    /// Replaces the kanaal's fields; false when another kanaal has its name.
    public func update(_ kanaal: Kanaal) async throws -> Bool {
        let taken = try await client.query(
            "SELECT 1 FROM nrc.kanalen WHERE naam = \(kanaal.naam) AND uuid <> \(kanaal.uuid)", logger: logger
        ).collect()
        guard taken.isEmpty else { return false }
        try await client.query(
            """
            UPDATE nrc.kanalen SET naam = \(kanaal.naam), documentatie_link = \(kanaal.documentatieLink), filters = \(kanaal.filters)::text[]
            WHERE uuid = \(kanaal.uuid)
            """, logger: logger)
        return true
    }

    static func decode(_ rows: PostgresRowSequence) async throws -> [Kanaal] {
        var kanalen: [Kanaal] = []
        for try await (uuid, naam, link, filters) in rows.decode((UUID, String, String, [String]).self) {
            kanalen.append(Kanaal(uuid: uuid, naam: naam, documentatieLink: link, filters: filters))
        }
        return kanalen
    }
}
