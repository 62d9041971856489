import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps the `besluiten` read models in step with the besluit streams, inline.
public struct BesluitProjector: InlineProjector {
    public let name = "besluiten"

    public init() {}

    public func apply(_ appended: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        for event in appended {
            guard event.data != ZaakResource.destroyedPayload, let (resource, action) = BesluitResource.of(eventType: event.type),
                let besluit = StreamName.id(of: event.streamID, category: BesluitResource.streamCategory).flatMap(UUID.init(uuidString:))
            else { continue }
            let payload = try event.decode(ZaakEvent.self)
            let state = try payload.state.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            switch (resource, action, state) {
            case (.besluit, "deleted", _), (.besluit, _, nil):
                try await connection.query("DELETE FROM besluiten.besluiten WHERE uuid = \(besluit)", logger: logger)
                try await connection.query("DELETE FROM besluiten.informatieobjecten WHERE besluit = \(besluit)", logger: logger)
            case (.besluit, _, let state?):
                try await connection.query(
                    """
                    INSERT INTO besluiten.besluiten (uuid, representation, stream_version) VALUES (\(besluit), \(state)::jsonb, \(event.version))
                    ON CONFLICT (uuid) DO UPDATE SET representation = excluded.representation, stream_version = excluded.stream_version
                    """, logger: logger)
            case (.besluitinformatieobject, "deleted", _), (.besluitinformatieobject, _, nil):
                try await connection.query("DELETE FROM besluiten.informatieobjecten WHERE uuid = \(payload.uuid)", logger: logger)
            case (.besluitinformatieobject, _, let state?):
                try await connection.query(
                    """
                    INSERT INTO besluiten.informatieobjecten (uuid, besluit, representation, stream_version)
                    VALUES (\(payload.uuid), \(besluit), \(state)::jsonb, \(event.version))
                    ON CONFLICT (uuid) DO UPDATE SET representation = excluded.representation, stream_version = excluded.stream_version
                    """, logger: logger)
            }
            // The besluit's row follows every event of its stream (its own upsert sets it already).
            if resource == .besluitinformatieobject {
                try await connection.query("UPDATE besluiten.besluiten SET stream_version = \(event.version) WHERE uuid = \(besluit)", logger: logger)
            }
        }
    }
}
