import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps the table of one zaaktype sub-type in step with its events in the zaaktype streams, inline.
public struct ZaakTypeSubTypeProjector<T: ZaakTypeSubType>: InlineProjector {
    public let name: String
    let table: String
    /// The filter columns: omschrijving, omschrijving_generiek, volgnummer, related.
    let columns: @Sendable (T) -> SubTypeColumns
    let representation: @Sendable (T) throws -> String
    /// Runs after each change of a sub-type of zaaktype (the argument), for data derived elsewhere; recomputations
    /// it asks for in `CatalogiRefreshes` run once after the batch.
    let afterChange: @Sendable (UUID, inout CatalogiRefreshes, PostgresConnection, Logger) async throws -> Void

    init(
        table: String, columns: @escaping @Sendable (T) -> SubTypeColumns, representation: @escaping @Sendable (T) throws -> String,
        afterChange: @escaping @Sendable (UUID, inout CatalogiRefreshes, PostgresConnection, Logger) async throws -> Void = { _, _, _, _ in }
    ) {
        self.name = table
        self.table = table
        self.columns = columns
        self.representation = representation
        self.afterChange = afterChange
    }

    public func apply(_ appended: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        let events = SubTypeEvents.of(T.self)
        // The zaaktypen whose sub-types changed are refreshed once after the batch, all at once.
        var zaaktypen: [UUID] = []
        var refreshes = CatalogiRefreshes()
        for event in appended where events.all.contains(event.type) {
            let zaaktype: UUID
            if event.type == events.deleted {
                let uuid = try event.decode(CatalogusTypeReference.self).uuid
                let rows = try await connection.query(
                    PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE uuid = $1 RETURNING zaaktype", binds: .of(uuid)), logger: logger
                ).collect()
                guard let owner = try rows.first?.decode(UUID.self) else { continue }
                zaaktype = owner
            } else {
                let type = try event.decode(ResourceState<T>.self).value
                let values = columns(type)
                var binds = PostgresBindings.of(type.uuid)
                binds.append(type.zaaktype)
                binds.append(values.omschrijving)
                binds.append(values.generiek)
                binds.append(values.volgnummer.map(Int32.init))
                binds.append(try representation(type))
                binds.append(event.version)
                binds.append(values.related)
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            INSERT INTO \(table) (uuid, zaaktype, omschrijving, omschrijving_generiek, volgnummer, representation, stream_version, related)
                            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)
                            ON CONFLICT (uuid) DO UPDATE SET zaaktype = excluded.zaaktype, omschrijving = excluded.omschrijving,
                                omschrijving_generiek = excluded.omschrijving_generiek, volgnummer = excluded.volgnummer, related = excluded.related,
                                representation = excluded.representation, stream_version = excluded.stream_version
                            WHERE \(table).stream_version < excluded.stream_version
                            """, binds: binds), logger: logger)
                zaaktype = type.zaaktype
            }
            if !zaaktypen.contains(zaaktype) { zaaktypen.append(zaaktype) }
            try await afterChange(zaaktype, &refreshes, connection, logger)
        }
        try await ZaakTypeSubTypes.refresh(zaaktypen: zaaktypen, connection: connection, logger: logger)
        try await refreshes.run(connection: connection, logger: logger)
    }
}

/// The columns of a sub-type's row that filters read.
struct SubTypeColumns: Sendable {
    var omschrijving: String
    var generiek: String = ""
    var volgnummer: Int?
    var related: UUID?
}
