import Domain
import Foundation
import Logging
import PostgresNIO
import ZGWHTTP

/// `expand` (Zaken 1.5): related resources placed in `_expand` of each zaak, keyed by field. The zaak's own
/// resources come from its zaak-detail document (no extra query), Catalogi types and hoofdzaak/deelzaken by
/// uuid. Expanded zaken are authorisation-checked; ones the client may not read are left out.
struct ZaakExpander {
    let client: PostgresClient
    let logger: Logger
    let authorisation: ZaakAuthorisation

    /// The paths Open Zaak allows, also behind `hoofdzaak.` and `deelzaken.`; at most three levels.
    static let zaakPaths: Set<String> = [
        "zaaktype", "status", "status.statustype", "resultaat", "resultaat.resultaattype", "rollen", "rollen.roltype", "eigenschappen",
        "eigenschappen.eigenschap", "zaakinformatieobjecten", "zaakobjecten", "hoofdzaak", "deelzaken",
    ]

    /// Parses `expand=a,b.c`; 400 for a path that is not allowed.
    static func parse(_ value: String?) throws(ZGWError) -> [[String]] {
        guard let value, !value.isEmpty else { return [] }
        var paths: [[String]] = []
        for path in value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let parts = path.split(separator: ".").map(String.init)
            var rest = parts
            while let first = rest.first, first == "hoofdzaak" || first == "deelzaken", rest.count > 1 { rest.removeFirst() }
            guard parts.count <= 3, !rest.isEmpty, zaakPaths.contains(rest.joined(separator: ".")) else {
                throw .validation([InvalidParam(name: "expand", code: "invalid-expand-field", reason: "Het veld \(path) kan niet ge-expand worden.")])
            }
            paths.append(parts)
        }
        return paths
    }

    /// Fields whose expansion comes from the zaak-detail document, by the document's kind.
    static let detailKinds = ["status": "status", "resultaat": "resultaat", "rollen": "rol", "eigenschappen": "zaakeigenschap",
                              "zaakinformatieobjecten": "zaakinformatieobject", "zaakobjecten": "zaakobject"]
    static let typeFields = ["status": ("statustype", "statustypen"), "resultaat": ("resultaattype", "resultaattypen"),
                             "rollen": ("roltype", "roltypen"), "eigenschappen": ("eigenschap", "eigenschappen")]

    func expand(_ zaak: [String: JSONValue], detail: [String: JSONValue], paths: [[String]]) async throws -> [String: JSONValue] {
        guard !paths.isEmpty else { return zaak }
        var expanded: [String: JSONValue] = [:]
        let byField = Dictionary(grouping: paths, by: { $0[0] })
        // Every Catalogi type this zaak's expansion names, in one query rather than one per type.
        var wanted: [String] = []
        for (field, fieldPaths) in byField {
            if field == "zaaktype", let url = zaak["zaaktype"]?.text { wanted.append(url) }
            if let kind = Self.detailKinds[field], let (typeField, _) = Self.typeFields[field], fieldPaths.contains([field, typeField]) {
                wanted += (detail[kind]?.array ?? []).compactMap { $0.object?[typeField]?.text }
            }
        }
        let types = try await catalogi(wanted)
        for (field, fieldPaths) in byField {
            let rest = fieldPaths.map { Array($0.dropFirst()) }.filter { !$0.isEmpty }
            if let kind = Self.detailKinds[field] {
                var items: [JSONValue] = detail[kind]?.array ?? []
                if field == "status" { items = items.filter { (item: JSONValue) in item.object?["url"] == zaak["status"] } }
                if let (typeField, _) = Self.typeFields[field], rest.contains([typeField]) {
                    items = items.map { (item: JSONValue) -> JSONValue in
                        guard case .object(var object) = item, let url = object[typeField]?.text else { return item }
                        object["_expand"] = .object([typeField: types[url] ?? .null])
                        return .object(object)
                    }
                }
                expanded[field] = field == "status" || field == "resultaat" ? (items.first ?? .null) : .array(items)
            } else if field == "zaaktype" {
                expanded[field] = zaak["zaaktype"]?.text.flatMap { types[$0] } ?? .null
            } else if field == "hoofdzaak" {
                let uuid = zaak["hoofdzaak"]?.text.flatMap { ResourceURL.uuid(in: $0, api: .zaken, collection: "zaken") }
                expanded[field] = try await zaken(uuid.map { [$0] } ?? [], paths: rest).first ?? .null
            } else if field == "deelzaken" {
                let uuids = zaak["deelzaken"]?.strings.compactMap { ResourceURL.uuid(in: $0, api: .zaken, collection: "zaken") } ?? []
                expanded[field] = .array(try await zaken(uuids, paths: rest))
            }
        }
        var result = zaak
        result["_expand"] = .object(expanded)
        return result
    }

    /// Zaken by uuid with their own expansions, leaving out those the client may not read.
    func zaken(_ uuids: [UUID], paths: [[String]]) async throws -> [JSONValue] {
        guard !uuids.isEmpty else { return [] }
        var result: [JSONValue] = []
        let rows = try await client.query(
            "SELECT representation::text, detail::text FROM zaken.zaken WHERE uuid = ANY(\(uuids)) ORDER BY created_position", logger: logger)
        for try await (representation, detail) in rows.decode((String, String).self) {
            let zaak = JSONValue.decodeObject(representation), details = JSONValue.decodeObject(detail)
            guard authorisation.allows(.scope("zaken.lezen"), zaaktype: zaak["zaaktype"]?.text ?? "", vertrouwelijkheid: zaak["vertrouwelijkheidaanduiding"]?.text ?? "")
            else { continue }
            result.append(.object(try await expand(zaak, detail: details, paths: paths)))
        }
        return result
    }

    /// The types an expansion can name, by their collection.
    static let typeCollections = ["zaaktypen", "statustypen", "resultaattypen", "roltypen", "eigenschappen"]

    /// Catalogi types by stored URL; only our own (others are not fetched for an expansion), all at once.
    func catalogi(_ urls: [String]) async throws -> [String: JSONValue] {
        var byUUID: [UUID: String] = [:]
        for url in urls {
            for collection in Self.typeCollections {
                if let uuid = ResourceURL.uuid(in: url, api: .catalogi, collection: collection) { byUUID[uuid] = url }
            }
        }
        guard !byUUID.isEmpty else { return [:] }
        let uuids = Array(byUUID.keys)
        let union = Self.typeCollections.map { "SELECT uuid, representation::text FROM catalogi.\($0) WHERE uuid = ANY($1)" }.joined(separator: " UNION ALL ")
        var types: [String: JSONValue] = [:]
        for try await (uuid, json) in try await client.query(PostgresQuery(unsafeSQL: union, binds: .of(uuids)), logger: logger).decode((UUID, String).self) {
            if let url = byUUID[uuid] { types[url] = .object(JSONValue.decodeObject(json)) }
        }
        return types
    }
}
