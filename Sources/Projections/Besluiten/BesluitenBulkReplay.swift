import Domain
import Logging
import PostgresNIO

/// `besluiten.besluiten` and `besluiten.informatieobjecten` from the whole log (see `BulkReplay`): the final rows
/// (`StagedRows`) inserted once each, in the order `BesluitProjector` first wrote them. Nothing is derived.
struct BesluitenBulkReplay: BulkReplay {
    let categories = [BesluitResource.streamCategory]
    static let rows = StagedRows(
        category: BesluitResource.streamCategory, kinds: BesluitResource.allCases.map(\.rawValue), owner: "besluit", prefix: "bulk_besluit")

    func build(from events: String, upTo head: Int64, connection: PostgresConnection, logger: Logger) async throws {
        try await load(into: ["besluiten.besluiten", "besluiten.informatieobjecten"], connection: connection, logger: logger) {
            try await Self.rows.stage(from: events, upTo: head, connection: connection, logger: logger)
            try await run([
                """
                INSERT INTO besluiten.besluiten (uuid, representation, stream_version)
                SELECT uuid, representation, version FROM bulk_besluit_states WHERE kind = 'besluit' ORDER BY first
                """,
                """
                INSERT INTO besluiten.informatieobjecten (uuid, besluit, representation, stream_version)
                SELECT uuid, besluit, representation, version FROM bulk_besluit_states WHERE kind = 'besluitinformatieobject' ORDER BY first
                """,
            ], connection: connection, logger: logger)
            try await Self.rows.drop(connection: connection, logger: logger)
        }
    }
}
