import Foundation
import Logging
import PostgresNIO

/// Recomputations of fields mirrored between catalogi types that read only the tables, not the events. A
/// projector asks for them per event and runs them once after its batch: each covers a whole catalogus (~80 ms
/// with 100 zaaktypen), and a rebuild's batch holds thousands of catalogi events. Running them after the batch
/// gives the same rows as after each event, since each recomputes from the tables as they end up.
public struct CatalogiRefreshes: Sendable {
    /// `informatieobjecttypen.zaaktypen` (through the zaaktype-informatieobjecttypen).
    var informatieobjecttypeZaaktypen = false
    /// Catalogi whose resultaattypen ↔ besluittypen/informatieobjecttypen fields are recomputed.
    var resultaattypeRelations: Set<UUID> = []

    func run(connection: PostgresConnection, logger: Logger) async throws {
        if informatieobjecttypeZaaktypen { try await ZaakTypeSubTypes.refreshInformatieobjecttypeZaaktypen(connection: connection, logger: logger) }
        for catalogus in resultaattypeRelations.sorted(by: { $0.uuidString < $1.uuidString }) {
            try await ZaakTypeSubTypes.refreshResultaattypeRelations(catalogus: catalogus, connection: connection, logger: logger)
        }
    }
}
