import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps zaaktypen and their sub-types (statustypen, roltypen) in step: the zaaktype lists its sub-types, each
/// sub-type shows its zaaktype's identificatie, catalogus and validity, and the statustype with the highest
/// volgnummer is the end status.
public enum ZaakTypeSubTypes {
    /// The sub-type tables, the zaaktype's list of each, and its order.
    static let tables: [(table: String, listField: String, order: String)] = [
        ("catalogi.statustypen", "statustypen", "volgnummer"), ("catalogi.roltypen", "roltypen", "created_position"),
        ("catalogi.eigenschappen", "eigenschappen", "created_position"), ("catalogi.zaakobjecttypen", "zaakobjecttypen", "created_position"),
        ("catalogi.resultaattypen", "resultaattypen", "created_position"),
    ]

    /// Sub-types a statustype lists (through their `related` statustype).
    static let statustypeLists = [("catalogi.eigenschappen", "eigenschappen"), ("catalogi.zaakobjecttypen", "zaakobjecttypen")]

    /// Refreshes everything derived between these zaaktypen and their sub-types.
    static func refresh(zaaktypen: [UUID], connection: PostgresConnection, logger: Logger) async throws {
        guard !zaaktypen.isEmpty else { return }
        for (table, listField, order) in tables {
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE catalogi.zaaktypen z SET representation = jsonb_set(z.representation, '{\(listField)}',
                            coalesce((SELECT jsonb_agg(s.representation -> 'url' ORDER BY s.\(order), s.created_position)
                                      FROM \(table) s WHERE s.zaaktype = z.uuid), '[]'::jsonb))
                        WHERE z.uuid = ANY($1)
                        """, binds: .of(zaaktypen)), logger: logger)
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE \(table) s SET representation = s.representation || jsonb_build_object(
                            'zaaktypeIdentificatie', z.identificatie, 'catalogus', z.representation -> 'catalogus',
                            'beginObject', z.representation -> 'beginObject', 'eindeObject', z.representation -> 'eindeObject')
                        FROM catalogi.zaaktypen z WHERE z.uuid = s.zaaktype AND s.zaaktype = ANY($1)
                        """, binds: .of(zaaktypen)), logger: logger)
        }
        for (table, field) in statustypeLists {
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE catalogi.statustypen t SET representation = jsonb_set(t.representation, '{\(field)}',
                            coalesce((SELECT jsonb_agg(s.representation -> 'url' ORDER BY s.created_position) FROM \(table) s
                                      WHERE s.related = t.uuid), '[]'::jsonb))
                        WHERE t.zaaktype = ANY($1)
                        """, binds: .of(zaaktypen)), logger: logger)
        }
        // Zaaktype-informatieobjecttypen: the zaaktype lists the informatieobjecttypen themselves.
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    UPDATE catalogi.zaaktypen z SET representation = jsonb_set(z.representation, '{informatieobjecttypen}',
                        coalesce((SELECT jsonb_agg(url ORDER BY first) FROM (
                            SELECT i.representation -> 'url' AS url, min(s.volgnummer) AS first
                            FROM catalogi.zaaktype_informatieobjecttypen s JOIN catalogi.informatieobjecttypen i ON i.uuid = s.related
                            WHERE s.zaaktype = z.uuid GROUP BY i.uuid, i.representation -> 'url') linked), '[]'::jsonb))
                    WHERE z.uuid = ANY($1)
                    """, binds: .of(zaaktypen)), logger: logger)
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    UPDATE catalogi.zaaktype_informatieobjecttypen s SET representation = s.representation || jsonb_build_object(
                        'zaaktypeIdentificatie', z.identificatie, 'catalogus', z.representation -> 'catalogus')
                    FROM catalogi.zaaktypen z WHERE z.uuid = s.zaaktype AND s.zaaktype = ANY($1)
                    """, binds: .of(zaaktypen)), logger: logger)
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    UPDATE catalogi.statustypen s SET representation = jsonb_set(s.representation, '{isEindstatus}',
                        to_jsonb(s.volgnummer = (SELECT max(volgnummer) FROM catalogi.statustypen m WHERE m.zaaktype = s.zaaktype)))
                    WHERE s.zaaktype = ANY($1)
                    """, binds: .of(zaaktypen)), logger: logger)
    }

    /// After a zaaktype changed or went: the sub-types of every version of its identificatie (their validity
    /// may have moved), or, when it was deleted, its sub-types removed with it.
    static func zaaktypeChanged(_ zaaktype: UUID, deleted: Bool, connection: PostgresConnection, logger: Logger) async throws {
        if deleted {
            for table in tables.map(\.table) + ["catalogi.zaaktype_informatieobjecttypen"] {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE zaaktype = $1", binds: .of(zaaktype)), logger: logger)
            }
            return
        }
        let versions = try await connection.query(
            """
            SELECT v.uuid FROM catalogi.zaaktypen z JOIN catalogi.zaaktypen v ON v.catalogus = z.catalogus AND v.identificatie = z.identificatie
            WHERE z.uuid = \(zaaktype)
            """, logger: logger
        ).collect().map { try $0.decode(UUID.self) }
        try await refresh(zaaktypen: versions, connection: connection, logger: logger)
    }

    /// Each informatieobjecttype's `zaaktypen`: the zaaktypen that link it through a zaaktype-informatieobjecttype.
    static func refreshInformatieobjecttypeZaaktypen(connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE catalogi.informatieobjecttypen i SET representation = jsonb_set(i.representation, '{zaaktypen}',
                coalesce((SELECT jsonb_agg(DISTINCT z.representation -> 'url')
                          FROM catalogi.zaaktype_informatieobjecttypen s JOIN catalogi.zaaktypen z ON z.uuid = s.zaaktype
                          WHERE s.related = i.uuid), '[]'::jsonb))
            WHERE i.uuid IN (SELECT related FROM catalogi.zaaktype_informatieobjecttypen) OR i.representation -> 'zaaktypen' <> '[]'::jsonb
            """, logger: logger)
    }

    /// Resultaattypen name besluittypen and informatieobjecttypen: each resultaattype shows their omschrijvingen,
    /// each besluittype the resultaattypen naming it. Recomputed for one catalogus.
    static func refreshResultaattypeRelations(catalogus: UUID, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE catalogi.resultaattypen r SET representation = r.representation || jsonb_build_object(
                'besluittypeOmschrijving', coalesce((SELECT jsonb_agg(b.omschrijving ORDER BY b.created_position) FROM catalogi.besluittypen b
                    WHERE r.representation -> 'besluittypen' @> jsonb_build_array(b.representation -> 'url')), '[]'::jsonb),
                'informatieobjecttypeOmschrijving', coalesce((SELECT jsonb_agg(i.omschrijving ORDER BY i.created_position) FROM catalogi.informatieobjecttypen i
                    WHERE r.representation -> 'informatieobjecttypen' @> jsonb_build_array(i.representation -> 'url')), '[]'::jsonb))
            WHERE r.zaaktype IN (SELECT uuid FROM catalogi.zaaktypen WHERE catalogus = \(catalogus))
            """, logger: logger)
        try await connection.query(
            """
            UPDATE catalogi.besluittypen b SET representation = b.representation || jsonb_build_object(
                'resultaattypen', coalesce((SELECT jsonb_agg(r.representation -> 'url' ORDER BY r.created_position) FROM catalogi.resultaattypen r
                    WHERE r.representation -> 'besluittypen' @> jsonb_build_array(b.representation -> 'url')), '[]'::jsonb),
                'resultaattypenOmschrijving', coalesce((SELECT jsonb_agg(r.omschrijving ORDER BY r.created_position) FROM catalogi.resultaattypen r
                    WHERE r.representation -> 'besluittypen' @> jsonb_build_array(b.representation -> 'url')), '[]'::jsonb))
            WHERE b.catalogus = \(catalogus)
            """, logger: logger)
    }

    /// Removes the links to a deleted informatieobjecttype and refreshes the zaaktypen that had them.
    static func informatieobjecttypeDeleted(_ iot: UUID, connection: PostgresConnection, logger: Logger) async throws {
        let zaaktypen = try await connection.query(
            "DELETE FROM catalogi.zaaktype_informatieobjecttypen WHERE related = \(iot) RETURNING zaaktype", logger: logger
        ).collect().map { try $0.decode(UUID.self) }
        try await refresh(zaaktypen: Array(Set(zaaktypen)), connection: connection, logger: logger)
    }
}
