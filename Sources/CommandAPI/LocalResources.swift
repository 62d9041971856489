import Domain
import Foundation
import Logging
import PostgresNIO

/// Our own URLs, resolved in process: what a GET of one would answer, read from the read models. The
/// reference checks a URL in two steps (fetchable with 200, then the right resource), and a local URL gets the
/// same two steps without an HTTP call: a zaak URL given as zaaktype answers 200 but is not a zaaktype.
enum LocalResources {
    /// Where one collection's resources are: the table, and the `kind` in the tables several kinds share.
    struct Location {
        let table: String
        var kind: String?

        /// `SELECT <columns>` of the resource `uuid` here.
        func query(_ uuid: UUID, selecting columns: String) -> PostgresQuery {
            var bindings = PostgresBindings()
            bindings.append(uuid)
            var sql = "SELECT \(columns) FROM \(table) WHERE uuid = $1"
            if let kind {
                sql += " AND kind = $2"
                bindings.append(kind)
            }
            return PostgresQuery(unsafeSQL: sql, binds: bindings)
        }
    }

    /// The read-model table behind each collection a URL can name.
    static func location(api: ZGWAPI, collection: String) -> Location? {
        switch api {
        case .catalogi:
            let collections = [
                "catalogussen", "zaaktypen", "informatieobjecttypen", "besluittypen", "statustypen", "roltypen", "eigenschappen", "zaakobjecttypen",
                "resultaattypen",
            ]
            if collections.contains(collection) { return Location(table: "catalogi.\(collection)") }
            return collection == "zaaktype-informatieobjecttypen" ? Location(table: "catalogi.zaaktype_informatieobjecttypen") : nil
        case .zaken:
            if collection == "zaken" { return Location(table: "zaken.zaken") }
            return ZaakResource.allCases.first { $0.collection == collection }.map { Location(table: "zaken.resources", kind: $0.rawValue) }
        case .documenten:
            if collection == "enkelvoudiginformatieobjecten" { return Location(table: "documenten.informatieobjecten") }
            return DocumentResource.allCases.first { $0.collection == collection && $0 != .bestandsdeel }
                .map { Location(table: "documenten.resources", kind: $0.rawValue) }
        case .besluiten:
            return ["besluiten": "besluiten.besluiten", "besluitinformatieobjecten": "besluiten.informatieobjecten"][collection].map { Location(table: $0) }
        case .autorisaties:
            return collection == "applicaties" ? Location(table: "auth.applicaties") : nil
        case .notificaties:
            return ["kanaal": "nrc.kanalen", "abonnement": "nrc.abonnementen"][collection].map { Location(table: $0) }
        }
    }

    /// Whether a GET of our `storedURL` would answer 200: an API root, a collection, or a resource that exists
    /// (the nested zaakeigenschappen and zaakbesluiten of a zaak too). Anything else is a 404.
    static func answers(_ storedURL: String, connection: PostgresConnection, logger: Logger) async throws -> Bool {
        guard storedURL.hasPrefix(ResourceURL.marker) else { return false }
        var path = String(storedURL.dropFirst(ResourceURL.marker.count))
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
        guard let api = ZGWAPI.containing(path: path) else { return false }
        let segments = path.dropFirst(api.root.count).split(separator: "/").map(String.init)
        switch segments.count {
        case 0: return true
        case 1: return location(api: api, collection: segments[0]) != nil
        case 2:
            guard let location = location(api: api, collection: segments[0]), let uuid = UUID(uuidString: segments[1]) else { return false }
            return try await !connection.query(location.query(uuid, selecting: "1"), logger: logger).collect().isEmpty
        case 4 where api == .zaken && segments[0] == "zaken" && ["zaakeigenschappen", "besluiten"].contains(segments[2]):
            guard let zaak = UUID(uuidString: segments[1]), let uuid = UUID(uuidString: segments[3]) else { return false }
            let rows = try await connection.query("SELECT 1 FROM zaken.resources WHERE uuid = \(uuid) AND zaak = \(zaak)", logger: logger).collect()
            return !rows.isEmpty
        default: return false
        }
    }
}
