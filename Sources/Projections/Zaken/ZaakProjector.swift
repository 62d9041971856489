import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps `zaken.zaken` and `zaken.resources` in step with the zaak streams, inline: the events' resource JSON is
/// written (folded per row, see `ZaakChanges`), then the touched zaken's derived fields and zaak-detail
/// documents are refreshed in SQL, all zaken of the batch at once.
public struct ZaakProjector: InlineProjector {
    public let name = "zaken"

    public init() {}

    public func apply(_ appended: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        var changes = ZaakChanges()
        let encoder = JSONEncoder()
        for event in appended {
            // Payloads removed by archival destruction are skipped on a rebuild; the destruction event removes the rows.
            guard event.data != ZaakResource.destroyedPayload, let (resource, action) = ZaakResource.of(eventType: event.type),
                let zaak = StreamName.id(of: event.streamID, category: ZaakResource.streamCategory).flatMap(UUID.init(uuidString:))
            else { continue }
            let payload = try event.decode(ZaakEvent.self)
            changes.streamVersion(of: zaak, is: event.version)
            let state = try payload.state.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            switch (resource, action, state) {
            case (.zaak, "deleted", _), (.zaak, _, nil):
                changes.deleteZaak(zaak)
            case (.zaak, _, let state?):
                changes.upsertZaak(zaak, state: state, version: event.version)
            case (_, "deleted", _), (_, _, nil):
                changes.deleteResource(payload.uuid, zaak: zaak)
            case (_, _, let state?):
                changes.upsertResource(payload.uuid, zaak: zaak, kind: resource.rawValue, state: state, version: event.version)
            }
        }
        let touched = try await changes.write(connection: connection, logger: logger)
        if !touched.isEmpty { try await Self.refresh(touched, connection: connection, logger: logger) }
    }

    /// Recomputes what a zaak's resources derive from each other: the latest status
    /// (`indicatieLaatstGezetteStatus`, `Zaak.status`), the zaak's lists of its resources and deelzaken, the
    /// statussen a rol set and the ZIOs of a status, and the zaak-detail document.
    static func refresh(_ zaken: [UUID], connection: PostgresConnection, logger: Logger) async throws {
        if let zaak = zaken.first, zaken.count == 1 {
            _ = try await connection.execute(ZaakStatements.RefreshResources<OneZaak>(zaken: zaak), logger: logger)
            _ = try await connection.execute(ZaakStatements.RefreshZaken<OneZaak>(zaken: zaak), logger: logger)
        } else {
            _ = try await connection.execute(ZaakStatements.RefreshResources<ManyZaken>(zaken: zaken), logger: logger)
            _ = try await connection.execute(ZaakStatements.RefreshZaken<ManyZaken>(zaken: zaken), logger: logger)
        }
    }
}
