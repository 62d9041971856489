import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps `catalogi.informatieobjecttypen` in step with the informatieobjecttype streams, inline; also the
/// derived data elsewhere: each catalogus's `informatieobjecttypen` list and the `beginObject`/`eindeObject`
/// that span all versions of one omschrijving.
public struct InformatieObjectTypeProjector: InlineProjector {
    public let name = "informatieobjecttypen"

    public init() {}

    public func apply(_ events: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        for event in events where StreamName.category(of: event.streamID) == InformatieObjectType.streamCategory {
            let affected = try await apply(event, connection: connection, logger: logger)
            for (catalogus, omschrijving) in affected {
                try await refreshVersions(catalogus: catalogus, omschrijving: omschrijving, connection: connection, logger: logger)
                try await refreshCatalogus(catalogus, connection: connection, logger: logger)
            }
        }
    }

    /// Applies one event; returns the (catalogus, omschrijving) groups it touched, before and after.
    private func apply(_ event: AppendedEvent, connection: PostgresConnection, logger: Logger) async throws -> [(UUID, String)] {
        let uuid: UUID
        switch event.type {
        case InformatieObjectTypeEvent.created, InformatieObjectTypeEvent.updated:
            uuid = try event.decode(InformatieObjectTypeEvent.State.self).informatieobjecttype.uuid
        default:
            uuid = try event.decode(InformatieObjectTypeEvent.Reference.self).uuid
        }
        var affected = try await connection.query(
            "SELECT catalogus, omschrijving FROM catalogi.informatieobjecttypen WHERE uuid = \(uuid)", logger: logger
        ).collect().map { try $0.decode((UUID, String).self) }
        switch event.type {
        case InformatieObjectTypeEvent.created, InformatieObjectTypeEvent.updated:
            let type = try event.decode(InformatieObjectTypeEvent.State.self).informatieobjecttype
            let representation = String(decoding: try JSONCoding.encoder.encode(InformatieObjectTypeRepresentation(type)), as: UTF8.self)
            try await connection.query(
                """
                INSERT INTO catalogi.informatieobjecttypen
                    (uuid, catalogus, omschrijving, concept, begin_geldigheid, einde_geldigheid, representation, stream_version)
                VALUES (\(type.uuid), \(type.catalogus), \(type.omschrijving), \(type.concept), \(type.beginGeldigheid.description)::date,
                        \(type.eindeGeldigheid?.description)::date, \(representation)::jsonb, \(event.version))
                ON CONFLICT (uuid) DO UPDATE SET catalogus = excluded.catalogus, omschrijving = excluded.omschrijving,
                    concept = excluded.concept, begin_geldigheid = excluded.begin_geldigheid, einde_geldigheid = excluded.einde_geldigheid,
                    representation = excluded.representation, stream_version = excluded.stream_version
                WHERE catalogi.informatieobjecttypen.stream_version < excluded.stream_version
                """, logger: logger)
            affected.append((type.catalogus, type.omschrijving))
        case InformatieObjectTypeEvent.published:
            try await connection.query(
                """
                UPDATE catalogi.informatieobjecttypen SET concept = false,
                    representation = jsonb_set(representation, '{concept}', 'false'), stream_version = \(event.version)
                WHERE uuid = \(uuid) AND stream_version < \(event.version)
                """, logger: logger)
        case InformatieObjectTypeEvent.deleted:
            try await connection.query("DELETE FROM catalogi.informatieobjecttypen WHERE uuid = \(uuid)", logger: logger)
        default:
            logger.warning("unknown informatieobjecttype event", metadata: ["type": "\(event.type)"])
        }
        return affected
    }

    /// `beginObject` = the earliest `beginGeldigheid` of the versions, `eindeObject` = the end of the latest.
    private func refreshVersions(catalogus: UUID, omschrijving: String, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            WITH span AS (
                SELECT min(begin_geldigheid) AS begin_object,
                       (array_agg(einde_geldigheid ORDER BY begin_geldigheid DESC))[1] AS einde_object
                FROM catalogi.informatieobjecttypen WHERE catalogus = \(catalogus) AND omschrijving = \(omschrijving))
            UPDATE catalogi.informatieobjecttypen SET representation = representation
                || jsonb_build_object('beginObject', to_char(span.begin_object, 'YYYY-MM-DD'),
                                      'eindeObject', to_char(span.einde_object, 'YYYY-MM-DD'))
            FROM span WHERE catalogus = \(catalogus) AND omschrijving = \(omschrijving)
            """, logger: logger)
    }

    /// The catalogus's `informatieobjecttypen`: the URLs of all its informatieobjecttypen, oldest first.
    private func refreshCatalogus(_ catalogus: UUID, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE catalogi.catalogussen SET representation = jsonb_set(representation, '{informatieobjecttypen}',
                (SELECT coalesce(jsonb_agg(representation -> 'url' ORDER BY created_position), '[]'::jsonb)
                 FROM catalogi.informatieobjecttypen WHERE catalogus = \(catalogus)))
            WHERE uuid = \(catalogus)
            """, logger: logger)
    }
}
