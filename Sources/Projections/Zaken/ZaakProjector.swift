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
        for event in appended {
            // Payloads removed by archival destruction are skipped on a rebuild; the destruction event removes the rows.
            guard event.data != ZaakResource.destroyedPayload, let (resource, action) = ZaakResource.of(eventType: event.type),
                let zaak = StreamName.id(of: event.streamID, category: ZaakResource.streamCategory).flatMap(UUID.init(uuidString:))
            else { continue }
            // The payload is a `ZaakEvent`; its `state` goes to the row as PostgreSQL reads it from the payload, so only
            // the uuid and whether there is a state are needed here (decoding and re-encoding it with Codable was the
            // largest share of JSON work in a zaak command).
            guard case .object(let payload) = try JSONParser.parse(event.data), case .string(let text)? = payload["uuid"],
                let uuid = UUID(uuidString: text)
            else { throw ZaakPayloadError(eventType: event.type, streamID: event.streamID) }
            changes.streamVersion(of: zaak, is: event.version)
            let hasState = if case .object? = payload["state"] { true } else { false }
            switch (resource, action, hasState) {
            case (.zaak, "deleted", _), (.zaak, _, false):
                changes.deleteZaak(zaak)
            case (.zaak, _, true):
                changes.upsertZaak(zaak, payload: event.data, version: event.version)
            case (_, "deleted", _), (_, _, false):
                changes.deleteResource(uuid, zaak: zaak)
            case (_, _, true):
                changes.upsertResource(uuid, zaak: zaak, kind: resource.rawValue, payload: event.data, version: event.version)
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

/// A zaak event whose payload has no uuid: the log holds something the API never wrote.
struct ZaakPayloadError: Error, CustomStringConvertible {
    let eventType: String
    let streamID: String

    var description: String { "a \(eventType) event in \(streamID) has no ZaakEvent payload" }
}
