import Domain
import Foundation
import Logging
import PostgresNIO

/// zrc-002: a zaak's identificatie is unique per bronorganisatie and generated when not given, as Open Zaak
/// does it: `ZAAK-<year of startdatum>-<10 digits>`, one more than the highest of that year. A transaction-
/// scoped advisory lock per bronorganisatie serialises creates of one organisation until commit, so forty
/// concurrent creates get forty numbers; the unique index on the read model backs it up.
enum ZaakIdentificatie {
    static func assign(_ state: inout [String: JSONValue], connection: PostgresConnection, logger: Logger) async throws {
        let bronorganisatie = state["bronorganisatie"]?.text ?? ""
        try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\("zaak-identificatie:" + bronorganisatie), 0))", logger: logger)
        if let given = state["identificatie"]?.text, !given.isEmpty {
            let rows = try await connection.query(
                "SELECT 1 FROM zaken.zaken WHERE bronorganisatie = \(bronorganisatie) AND identificatie = \(given)", logger: logger
            ).collect()
            if !rows.isEmpty {
                throw ValidationErrors([FieldError(name: "identificatie", code: "identificatie-niet-uniek", reason: "Deze identificatie bestaat al voor deze bronorganisatie.")])
            }
            return
        }
        let year = String((state["startdatum"]?.text ?? ZGWDateTime.today().description).prefix(4))
        let prefix = "ZAAK-\(year)-"
        let rows = try await connection.query(
            """
            SELECT identificatie FROM zaken.zaken
            WHERE bronorganisatie = \(bronorganisatie) AND identificatie COLLATE "C" >= \(prefix) AND identificatie COLLATE "C" < \(prefix + "\u{7F}")
            ORDER BY identificatie COLLATE "C" DESC LIMIT 1
            """, logger: logger
        ).collect()
        let highest = try rows.first.flatMap { Int(try $0.decode(String.self).dropFirst(prefix.count)) } ?? 0
        state["identificatie"] = .string(prefix + String(format: "%010d", highest + 1))
    }
}
