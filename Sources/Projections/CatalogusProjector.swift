import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps `catalogi.catalogussen` in step with the catalogus streams, inline; guarded by stream version.
public struct CatalogusProjector: InlineProjector {
    public let name = "catalogussen"

    public init() {}

    public func apply(_ events: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        for event in events where StreamName.category(of: event.streamID) == Catalogus.streamCategory {
            switch event.type {
            case CatalogusEvent.created:
                let catalogus = try event.decode(CatalogusEvent.State.self).catalogus
                let representation = String(decoding: try JSONCoding.encoder.encode(CatalogusRepresentation(catalogus)), as: UTF8.self)
                try await connection.query(
                    """
                    INSERT INTO catalogi.catalogussen (uuid, domein, rsin, representation, stream_version)
                    VALUES (\(catalogus.uuid), \(catalogus.domein), \(catalogus.rsin), \(representation)::jsonb, \(event.version))
                    ON CONFLICT (uuid) DO UPDATE SET domein = excluded.domein, rsin = excluded.rsin,
                        representation = excluded.representation, stream_version = excluded.stream_version
                    WHERE catalogi.catalogussen.stream_version < excluded.stream_version
                    """, logger: logger)
            default:
                logger.warning("unknown catalogus event", metadata: ["type": "\(event.type)"])
            }
        }
    }
}
