import Domain
import Foundation
import Logging
import PostgresNIO

/// zrc-002: a zaak's identificatie is unique per bronorganisatie and generated when not given:
/// `ZAAK-<year of startdatum>-<10 digits>`. The number comes from a PostgreSQL sequence, which hands out
/// numbers without holding a lock until commit, so concurrent creates do not queue behind each other's
/// commits (numbers may have gaps, as Open Zaak's may). The unique index on (bronorganisatie, identificatie)
/// is what guarantees uniqueness: a create that loses a race gets `identificatie-niet-uniek` for a given
/// identificatie, or a fresh number for a generated one (`ZaakCommands` retries).
enum ZaakIdentificatie {
    static func assign(_ state: inout [String: JSONValue], connection: PostgresConnection, logger: Logger) async throws {
        let bronorganisatie = state["bronorganisatie"]?.text ?? ""
        if let given = state["identificatie"]?.text, !given.isEmpty {
            let rows = try await connection.query(
                "SELECT 1 FROM zaken.zaken WHERE bronorganisatie = \(bronorganisatie) AND identificatie = \(given)", logger: logger
            ).collect()
            if !rows.isEmpty { throw notUnique }
            return
        }
        let year = String((state["startdatum"]?.text ?? ZGWDateTime.today().description).prefix(4))
        let rows = try await connection.query("SELECT nextval('zaken.zaak_identificatie')", logger: logger).collect()
        let number = try rows.first?.decode(Int64.self) ?? 1
        state["identificatie"] = .string("ZAAK-\(year)-" + String(format: "%010lld", number))
    }

    static let notUnique = ValidationErrors([
        FieldError(name: "identificatie", code: "identificatie-niet-uniek", reason: "Deze identificatie bestaat al voor deze bronorganisatie.")
    ])

    /// True when `error` is the unique index on (bronorganisatie, identificatie) refusing a duplicate.
    static func isDuplicate(_ error: any Error) -> Bool {
        guard let psql = error as? PSQLError, psql.serverInfo?[.sqlState] == "23505" else { return false }
        return psql.serverInfo?[.constraintName] == "zaken_identificatie"
    }
}
