import Foundation
import Logging
import PostgresNIO

/// The relations between catalogus types, kept in relation tables and mirrored into both sides'
/// representations. Each refresh recomputes a list from the relation table, so it is right whatever order the
/// two sides changed in.
enum CatalogiRelations {
    /// After a besluittype changed (nil `informatieobjecttypen` = deleted): rewrite its relation rows, then the
    /// lists on both sides.
    static func besluittypeChanged(
        _ besluittype: UUID, informatieobjecttypen: [UUID]?, connection: PostgresConnection, logger: Logger
    ) async throws {
        let before = try await connection.query(
            "SELECT informatieobjecttype FROM catalogi.besluittype_informatieobjecttypen WHERE besluittype = \(besluittype)", logger: logger
        ).collect().map { try $0.decode(UUID.self) }
        try await connection.query("DELETE FROM catalogi.besluittype_informatieobjecttypen WHERE besluittype = \(besluittype)", logger: logger)
        for (index, iot) in (informatieobjecttypen ?? []).enumerated() {
            try await connection.query(
                """
                INSERT INTO catalogi.besluittype_informatieobjecttypen (besluittype, informatieobjecttype, ordering)
                VALUES (\(besluittype), \(iot), \(Int32(index))) ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        if informatieobjecttypen != nil { try await refreshBesluittypen([besluittype], connection: connection, logger: logger) }
        try await refreshInformatieobjecttypen(Array(Set(before + (informatieobjecttypen ?? []))), connection: connection, logger: logger)
    }

    /// After an informatieobjecttype changed or went: its own `besluittypen`, and the besluittypen naming it.
    static func informatieobjecttypeChanged(_ iot: UUID, deleted: Bool, connection: PostgresConnection, logger: Logger) async throws {
        let besluittypen = try await connection.query(
            "SELECT besluittype FROM catalogi.besluittype_informatieobjecttypen WHERE informatieobjecttype = \(iot)", logger: logger
        ).collect().map { try $0.decode(UUID.self) }
        if deleted {
            try await connection.query("DELETE FROM catalogi.besluittype_informatieobjecttypen WHERE informatieobjecttype = \(iot)", logger: logger)
        } else {
            try await refreshInformatieobjecttypen([iot], connection: connection, logger: logger)
        }
        try await refreshBesluittypen(besluittypen, connection: connection, logger: logger)
    }

    /// A besluittype's `informatieobjecttypen` (URLs) and `vastgelegdIn` (their omschrijvingen).
    static func refreshBesluittypen(_ uuids: [UUID], connection: PostgresConnection, logger: Logger) async throws {
        guard !uuids.isEmpty else { return }
        try await connection.query(
            """
            UPDATE catalogi.besluittypen b SET representation = b.representation || jsonb_build_object(
                'informatieobjecttypen', coalesce((SELECT jsonb_agg(i.representation -> 'url' ORDER BY r.ordering)
                    FROM catalogi.besluittype_informatieobjecttypen r JOIN catalogi.informatieobjecttypen i ON i.uuid = r.informatieobjecttype
                    WHERE r.besluittype = b.uuid), '[]'::jsonb),
                'vastgelegdIn', coalesce((SELECT jsonb_agg(i.omschrijving ORDER BY r.ordering)
                    FROM catalogi.besluittype_informatieobjecttypen r JOIN catalogi.informatieobjecttypen i ON i.uuid = r.informatieobjecttype
                    WHERE r.besluittype = b.uuid), '[]'::jsonb))
            WHERE b.uuid = ANY(\(uuids))
            """, logger: logger)
    }

    /// An informatieobjecttype's `besluittypen` (URLs), oldest besluittype first.
    static func refreshInformatieobjecttypen(_ uuids: [UUID], connection: PostgresConnection, logger: Logger) async throws {
        guard !uuids.isEmpty else { return }
        try await connection.query(
            """
            UPDATE catalogi.informatieobjecttypen i SET representation = jsonb_set(i.representation, '{besluittypen}',
                coalesce((SELECT jsonb_agg(b.representation -> 'url' ORDER BY b.created_position)
                    FROM catalogi.besluittype_informatieobjecttypen r JOIN catalogi.besluittypen b ON b.uuid = r.besluittype
                    WHERE r.informatieobjecttype = i.uuid), '[]'::jsonb))
            WHERE i.uuid = ANY(\(uuids))
            """, logger: logger)
    }
}
