import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps the read table of one catalogus type (informatieobjecttypen, besluittypen, zaaktypen) in step with
/// its streams, inline, and the data derived across rows: the catalogus's list of its types, and
/// `beginObject`/`eindeObject`, which span all versions of one key.
///
/// Tables share the columns `uuid, catalogus, <keyColumn>, concept, begin_geldigheid, einde_geldigheid,
/// representation, stream_version, created_position`.
public struct CatalogusTypeProjector<T: CatalogusType>: InlineProjector {
    public let name: String
    let table: String
    let keyColumn: String
    /// The catalogus representation's list of these types (`informatieobjecttypen`).
    let catalogusListField: String
    let representation: @Sendable (T) throws -> String
    /// Runs after each change of one type (`nil` state after a delete), for relations kept in other tables;
    /// recomputations it asks for in `CatalogiRefreshes` run once after the batch.
    let afterChange: @Sendable (UUID, T?, inout CatalogiRefreshes, PostgresConnection, Logger) async throws -> Void

    public init(
        table: String, keyColumn: String, catalogusListField: String, representation: @escaping @Sendable (T) throws -> String,
        afterChange: @escaping @Sendable (UUID, T?, inout CatalogiRefreshes, PostgresConnection, Logger) async throws -> Void = { _, _, _, _, _ in }
    ) {
        self.name = table
        self.table = table
        self.keyColumn = keyColumn
        self.catalogusListField = catalogusListField
        self.representation = representation
        self.afterChange = afterChange
    }

    var events: CatalogusTypeEvents { .of(T.self) }

    public func apply(_ appended: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        let own = [events.created, events.updated, events.published, events.deleted]
        var refreshes = CatalogiRefreshes()
        // A zaaktype's stream also holds its sub-types' events; those have projectors of their own.
        for event in appended where StreamName.category(of: event.streamID) == T.streamCategory && own.contains(event.type) {
            let uuid = try event.type == events.created || event.type == events.updated
                ? event.decode(ResourceState<T>.self).value.uuid : event.decode(CatalogusTypeReference.self).uuid
            var affected = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT catalogus, \(keyColumn) FROM \(table) WHERE uuid = $1", binds: PostgresBindings.of(uuid)), logger: logger
            ).collect().map { try $0.decode((UUID, String).self) }
            var state: T?
            switch event.type {
            case events.created, events.updated:
                let type = try event.decode(ResourceState<T>.self).value
                try await upsert(type, version: event.version, connection: connection, logger: logger)
                affected.append((type.catalogus, type.versionKey))
                state = type
            case events.published:
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            UPDATE \(table) SET concept = false, representation = jsonb_set(representation, '{concept}', 'false'),
                                stream_version = $2 WHERE uuid = $1 AND stream_version < $2
                            """, binds: PostgresBindings.of(uuid, event.version)), logger: logger)
            case events.deleted:
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE uuid = $1", binds: PostgresBindings.of(uuid)), logger: logger)
            default:
                continue
            }
            for (catalogus, key) in affected {
                try await refreshVersions(catalogus: catalogus, key: key, connection: connection, logger: logger)
                try await refreshCatalogus(catalogus, connection: connection, logger: logger)
            }
            // Last, so relations see this type's final representation (versions included).
            if event.type != events.published { try await afterChange(uuid, state, &refreshes, connection, logger) }
        }
        try await refreshes.run(connection: connection, logger: logger)
    }

    private func upsert(_ type: T, version: Int64, connection: PostgresConnection, logger: Logger) async throws {
        var binds = PostgresBindings.of(type.uuid)
        binds.append(type.catalogus)
        binds.append(type.versionKey)
        binds.append(type.concept)
        binds.append(type.beginGeldigheid.description)
        binds.append(type.eindeGeldigheid?.description)
        binds.append(try representation(type))
        binds.append(version)
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO \(table) (uuid, catalogus, \(keyColumn), concept, begin_geldigheid, einde_geldigheid, representation, stream_version)
                    VALUES ($1, $2, $3, $4, $5::date, $6::date, $7::jsonb, $8)
                    ON CONFLICT (uuid) DO UPDATE SET catalogus = excluded.catalogus, \(keyColumn) = excluded.\(keyColumn),
                        concept = excluded.concept, begin_geldigheid = excluded.begin_geldigheid, einde_geldigheid = excluded.einde_geldigheid,
                        representation = excluded.representation, stream_version = excluded.stream_version
                    WHERE \(table).stream_version < excluded.stream_version
                    """, binds: binds), logger: logger)
    }

    /// `beginObject` = the earliest `beginGeldigheid` of the versions, `eindeObject` = the end of the latest.
    private func refreshVersions(catalogus: UUID, key: String, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    WITH span AS (
                        SELECT min(begin_geldigheid) AS begin_object,
                               (array_agg(einde_geldigheid ORDER BY begin_geldigheid DESC))[1] AS einde_object
                        FROM \(table) WHERE catalogus = $1 AND \(keyColumn) = $2)
                    UPDATE \(table) SET representation = representation
                        || jsonb_build_object('beginObject', to_char(span.begin_object, 'YYYY-MM-DD'),
                                              'eindeObject', to_char(span.einde_object, 'YYYY-MM-DD'))
                    FROM span WHERE catalogus = $1 AND \(keyColumn) = $2
                    """, binds: PostgresBindings.of(catalogus, key)), logger: logger)
    }

    /// The catalogus's list of these types: their URLs, oldest first.
    private func refreshCatalogus(_ catalogus: UUID, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    UPDATE catalogi.catalogussen SET representation = jsonb_set(representation, '{\(catalogusListField)}',
                        (SELECT coalesce(jsonb_agg(representation -> 'url' ORDER BY created_position), '[]'::jsonb)
                         FROM \(table) WHERE catalogus = $1))
                    WHERE uuid = $1
                    """, binds: PostgresBindings.of(catalogus)), logger: logger)
    }
}
