import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps `auth.applicaties` in step with the applicatie streams, inline. Upserts are guarded by the stream
/// version, so replaying old events (a rebuild) never moves a row backwards.
public struct ApplicatieProjector: InlineProjector {
    public let name = "applicaties"

    public init() {}

    public func apply(_ events: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        for event in events where StreamName.category(of: event.streamID) == Applicatie.streamCategory {
            switch event.type {
            case ApplicatieEvent.created, ApplicatieEvent.updated:
                let applicatie = try event.decode(ApplicatieEvent.State.self).applicatie
                let autorisaties = String(decoding: try JSONCoding.encoder.encode(applicatie.autorisaties), as: UTF8.self)
                try await connection.query(
                    """
                    INSERT INTO auth.applicaties (uuid, client_ids, label, heeft_alle_autorisaties, autorisaties, stream_version)
                    VALUES (\(applicatie.uuid), \(applicatie.clientIds), \(applicatie.label), \(applicatie.heeftAlleAutorisaties),
                            \(autorisaties)::jsonb, \(event.version))
                    ON CONFLICT (uuid) DO UPDATE SET client_ids = excluded.client_ids, label = excluded.label,
                        heeft_alle_autorisaties = excluded.heeft_alle_autorisaties, autorisaties = excluded.autorisaties,
                        stream_version = excluded.stream_version, updated_at = now()
                    WHERE auth.applicaties.stream_version < excluded.stream_version
                    """, logger: logger)
            case ApplicatieEvent.deleted:
                let uuid = try event.decode(ApplicatieEvent.Deleted.self).uuid
                try await connection.query("DELETE FROM auth.applicaties WHERE uuid = \(uuid)", logger: logger)
            default:
                logger.warning("unknown applicatie event", metadata: ["type": "\(event.type)"])
            }
        }
    }
}
