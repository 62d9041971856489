import EventStore
import Foundation
import Logging
import PostgresNIO

/// A many-to-many relation between catalogus types, kept in a relation table and mirrored into both sides'
/// representations (the owner lists its targets, each target lists its owners). Every refresh recomputes a
/// list from the relation table, so it is right whatever order the two sides changed in.
struct CatalogiRelation: Sendable {
    /// `catalogi.besluittype_informatieobjecttypen`.
    let table: String
    let ownerColumn: String
    let targetColumn: String
    let ownerTable: String
    let targetTable: String
    /// The owner's list of target URLs (`informatieobjecttypen`).
    let ownerField: String
    /// The target's list of owner URLs (`besluittypen`).
    let targetField: String
    /// Optionally a second owner list: a target column per target (`vastgelegdIn` = their omschrijvingen).
    let ownerExtra: (field: String, targetColumn: String)?

    static let besluittypeInformatieobjecttypen = CatalogiRelation(
        table: "catalogi.besluittype_informatieobjecttypen", ownerColumn: "besluittype", targetColumn: "informatieobjecttype",
        ownerTable: "catalogi.besluittypen", targetTable: "catalogi.informatieobjecttypen", ownerField: "informatieobjecttypen",
        targetField: "besluittypen", ownerExtra: ("vastgelegdIn", "omschrijving"))

    static let zaaktypeBesluittypen = CatalogiRelation(
        table: "catalogi.zaaktype_besluittypen", ownerColumn: "zaaktype", targetColumn: "besluittype",
        ownerTable: "catalogi.zaaktypen", targetTable: "catalogi.besluittypen", ownerField: "besluittypen", targetField: "zaaktypen",
        ownerExtra: nil)

    /// After an owner changed (nil `targets` = deleted): rewrite its rows, then the lists on both sides.
    func ownerChanged(_ owner: UUID, targets: [UUID]?, connection: PostgresConnection, logger: Logger) async throws {
        let before = try await uuids("SELECT \(targetColumn) FROM \(table) WHERE \(ownerColumn) = $1", owner, connection, logger)
        try await execute("DELETE FROM \(table) WHERE \(ownerColumn) = $1", owner, connection, logger)
        for (index, target) in (targets ?? []).enumerated() {
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: "INSERT INTO \(table) (\(ownerColumn), \(targetColumn), ordering) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    binds: .of(owner, target, Int32(index))), logger: logger)
        }
        if targets != nil { try await refreshOwners([owner], connection: connection, logger: logger) }
        try await refreshTargets(Array(Set(before + (targets ?? []))), connection: connection, logger: logger)
    }

    /// After a target changed or went: its own list, and the owners naming it.
    func targetChanged(_ target: UUID, deleted: Bool, connection: PostgresConnection, logger: Logger) async throws {
        let owners = try await uuids("SELECT \(ownerColumn) FROM \(table) WHERE \(targetColumn) = $1", target, connection, logger)
        if deleted {
            try await execute("DELETE FROM \(table) WHERE \(targetColumn) = $1", target, connection, logger)
        } else {
            try await refreshTargets([target], connection: connection, logger: logger)
        }
        try await refreshOwners(owners, connection: connection, logger: logger)
    }

    /// The owners' target lists, in the order the owner gave them.
    func refreshOwners(_ owners: [UUID], connection: PostgresConnection, logger: Logger) async throws {
        guard !owners.isEmpty else { return }
        func aggregate(_ expression: String) -> String {
            """
            coalesce((SELECT jsonb_agg(\(expression) ORDER BY r.ordering) FROM \(table) r JOIN \(targetTable) t ON t.uuid = r.\(targetColumn)
                      WHERE r.\(ownerColumn) = o.uuid), '[]'::jsonb)
            """
        }
        var fields = "'\(ownerField)', \(aggregate("t.representation -> 'url'"))"
        if let extra = ownerExtra { fields += ", '\(extra.field)', \(aggregate("t.\(extra.targetColumn)"))" }
        try await execute(
            "UPDATE \(ownerTable) o SET representation = o.representation || jsonb_build_object(\(fields)) WHERE o.uuid = ANY($1)",
            owners, connection, logger)
    }

    /// The targets' owner lists, oldest owner first.
    func refreshTargets(_ targets: [UUID], connection: PostgresConnection, logger: Logger) async throws {
        guard !targets.isEmpty else { return }
        try await execute(
            """
            UPDATE \(targetTable) t SET representation = jsonb_set(t.representation, '{\(targetField)}',
                coalesce((SELECT jsonb_agg(o.representation -> 'url' ORDER BY o.created_position)
                          FROM \(table) r JOIN \(ownerTable) o ON o.uuid = r.\(ownerColumn) WHERE r.\(targetColumn) = t.uuid), '[]'::jsonb))
            WHERE t.uuid = ANY($1)
            """, targets, connection, logger)
    }

    private func uuids(_ sql: String, _ value: UUID, _ connection: PostgresConnection, _ logger: Logger) async throws -> [UUID] {
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: .of(value)), logger: logger).collect().map { try $0.decode(UUID.self) }
    }

    private func execute<Value: PostgresNonThrowingEncodable>(_ sql: String, _ value: Value, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: .of(value)), logger: logger)
    }
}
