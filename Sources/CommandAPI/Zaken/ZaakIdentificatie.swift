import Domain
import Foundation
import Logging
import PostgresNIO

/// zrc-002 (and the same for documents and besluiten): an identificatie is unique per organisation and
/// generated when not given: `<PREFIX>-<year>-<10 digits>`. The number comes from a PostgreSQL sequence, which
/// hands out numbers without holding a lock until commit, so concurrent creates do not queue behind each
/// other's commits (numbers may have gaps, as Open Zaak's may). The unique index on (organisation,
/// identificatie) is what guarantees uniqueness: a create that loses a race gets `identificatie-niet-uniek`
/// for a given identificatie, or a fresh number for a generated one (the commands retry).
struct GeneratedIdentificatie: Sendable {
    let table: String
    let organisationColumn: String
    let organisationField: String
    let sequence: String
    let prefix: String
    /// The date field whose year goes into the number (today when empty).
    let yearField: String
    let uniqueIndex: String

    func assign(_ state: inout [String: JSONValue], connection: PostgresConnection, logger: Logger) async throws {
        let organisation = state.string(organisationField)
        let given = state.string("identificatie")
        if !given.isEmpty {
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT 1 FROM \(table) WHERE \(organisationColumn) = $1 AND identificatie = $2", binds: .of(organisation, given)),
                logger: logger
            ).collect()
            if !rows.isEmpty { throw Self.notUnique }
            return
        }
        let date = state.string(yearField)
        let year = String((date.isEmpty ? ZGWDateTime.today().description : date).prefix(4))
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT nextval('\(sequence)')"), logger: logger).collect()
        let number = try rows.first?.decode(Int64.self) ?? 1
        state["identificatie"] = .string("\(prefix)-\(year)-" + String(format: "%010lld", number))
    }

    static let notUnique = ValidationErrors([
        FieldError(name: "identificatie", code: "identificatie-niet-uniek", reason: "Deze identificatie bestaat al voor deze bronorganisatie.")
    ])

    /// True when `error` is the unique index on (organisation, identificatie) refusing a duplicate.
    func isDuplicate(_ error: any Error) -> Bool {
        guard let psql = error as? PSQLError, psql.serverInfo?[.sqlState] == "23505" else { return false }
        return psql.serverInfo?[.constraintName] == uniqueIndex
    }
}

enum ZaakIdentificatie {
    static let generator = GeneratedIdentificatie(
        table: "zaken.zaken", organisationColumn: "bronorganisatie", organisationField: "bronorganisatie", sequence: "zaken.zaak_identificatie",
        prefix: "ZAAK", yearField: "startdatum", uniqueIndex: "zaken_identificatie")
    static let notUnique = GeneratedIdentificatie.notUnique

    static func assign(_ state: inout [String: JSONValue], connection: PostgresConnection, logger: Logger) async throws {
        try await generator.assign(&state, connection: connection, logger: logger)
    }

    static func isDuplicate(_ error: any Error) -> Bool { generator.isDuplicate(error) }
}
