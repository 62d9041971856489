import Domain
import Foundation
import ZGWHTTP

/// `expand` (Zaken 1.5) in SQL: related resources placed in `_expand` of each zaak, keyed by field, built by
/// PostgreSQL in the query that reads the zaak. The zaak's own resources come from its zaak-detail document,
/// Catalogi types and hoofdzaak/deelzaken by uuid. Expanded zaken are authorisation-checked in SQL; ones the
/// client may not read are left out. No JSON is decoded or encoded in Swift for an expansion.
struct ZaakExpander {
    /// The zaken the client may read (nil: all), as `TypeVisibility` filters lists.
    let visible: [(type: String, maxRank: Int)]?

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

    /// A jsonb expression: the zaak in table alias `zaak` as served, with `_expand` for `paths` (without
    /// `_expand` when there are none). Values it needs (the visible zaaktypen) are bound in `filter`.
    func expression(_ zaak: String, paths: [[String]], filter: inout SQLFilter) -> String {
        var visibility: ((String) -> String)?
        // Only expanded zaken (hoofdzaak, deelzaken) are checked here; the zaak itself is the caller's.
        if let visible, paths.contains(where: { $0.contains("hoofdzaak") || $0.contains("deelzaken") }) {
            visibility = TypeVisibility.condition(&filter, visible: visible, typeColumn: "zaaktype")
        }
        return expression(zaak, paths: paths, depth: 0, visibility: visibility)
    }

    private func expression(_ zaak: String, paths: [[String]], depth: Int, visibility: ((String) -> String)?) -> String {
        guard !paths.isEmpty else { return "\(zaak).representation" }
        var pairs: [String] = []
        for (field, fieldPaths) in Dictionary(grouping: paths, by: { $0[0] }).sorted(by: { $0.key < $1.key }) {
            let rest = fieldPaths.map { Array($0.dropFirst()) }.filter { !$0.isEmpty }
            pairs.append("'\(field)', \(value(of: field, rest: rest, zaak: zaak, depth: depth, visibility: visibility))")
        }
        return "(\(zaak).representation || jsonb_build_object('_expand', jsonb_build_object(\(pairs.joined(separator: ", ")))))"
    }

    private func value(of field: String, rest: [[String]], zaak: String, depth: Int, visibility: ((String) -> String)?) -> String {
        if field != "hoofdzaak", field != "deelzaken" {
            let item = Self.typeFields[field].flatMap { rest.contains([$0.0]) ? Self.itemWithType(field) : nil } ?? "e"
            return Self.ownValue(field, zaak: zaak, item: item)
        }
        let visible = { (alias: String) in visibility.map { " AND " + $0("\(alias).") } ?? "" }
        switch field {
        case "hoofdzaak":
            let alias = "h\(depth)"
            let nested = expression(alias, paths: rest, depth: depth + 1, visibility: visibility)
            return "(SELECT \(nested) FROM zaken.zaken \(alias) WHERE \(alias).uuid = \(zaak).hoofdzaak\(visible(alias)))"
        default:  // deelzaken
            let alias = "d\(depth)"
            let nested = expression(alias, paths: rest, depth: depth + 1, visibility: visibility)
            return """
                coalesce((SELECT jsonb_agg(\(nested) ORDER BY \(alias).created_position) FROM zaken.zaken \(alias) \
                WHERE \(alias).hoofdzaak = \(zaak).uuid\(visible(alias))), '[]'::jsonb)
                """
        }
    }

    /// The expansion of one of the zaak's own fields: the zaaktype, or a zaak-detail list (`status`, `rollen` ...)
    /// whose elements `e` in the detail document are each served as `item`.
    private static func ownValue(_ field: String, zaak: String, item: String) -> String {
        guard let kind = detailKinds[field] else { return catalogiType("zaaktypen", url: "\(zaak).zaaktype") }  // zaaktype
        let elements = "jsonb_array_elements(\(zaak).detail->'\(kind)') WITH ORDINALITY AS x(e, n)"
        switch field {
        case "status": return "(SELECT \(item) FROM \(elements) WHERE e->'url' = \(zaak).representation->'status' ORDER BY n LIMIT 1)"
        case "resultaat": return "(SELECT \(item) FROM \(elements) ORDER BY n LIMIT 1)"
        default: return "coalesce((SELECT jsonb_agg(\(item) ORDER BY n) FROM \(elements)), '[]'::jsonb)"
        }
    }

    /// An element `e` of a zaak-detail `field` with its Catalogi type expanded (`status.statustype` ...).
    private static func itemWithType(_ field: String) -> String? {
        guard let (typeField, collection) = typeFields[field] else { return nil }
        return "e || jsonb_build_object('_expand', jsonb_build_object('\(typeField)', \(catalogiType(collection, url: "e->>'\(typeField)'"))))"
    }

    // MARK: - One text for every expansion of the zaak's own resources

    /// The paths without `hoofdzaak` or `deelzaken`, in the order of `guardedExpression`'s flags.
    static let guardedPaths: [String] = zaakPaths.filter { !$0.hasPrefix("hoofdzaak") && !$0.hasPrefix("deelzaken") }.sorted()

    /// Whether `guardedExpression` serves `paths` (none goes through `hoofdzaak` or `deelzaken`, which need the
    /// client's visible zaaktypen).
    static func isGuarded(_ paths: [[String]]) -> Bool {
        !paths.isEmpty && paths.allSatisfy { $0[0] != "hoofdzaak" && $0[0] != "deelzaken" }
    }

    /// The flags for `guardedExpression`, in `guardedPaths` order: a field is on when any path expands it, a type
    /// (`status.statustype`) when that path is asked for.
    static func flags(_ paths: [[String]]) -> [Bool] {
        let asked = Set(paths.map { $0.joined(separator: ".") })
        let fields = Set(paths.map { $0[0] })
        return guardedPaths.map { $0.contains(".") ? asked.contains($0) : fields.contains($0) }
    }

    /// `expression` for any set of `guardedPaths` as one SQL text, so one prepared statement serves them all: each
    /// field and each type expansion is guarded by its boolean flag (`flag(i)` is the i-th of `guardedPaths`).
    /// An unasked field adds no key; PostgreSQL evaluates only the subqueries whose flag is on.
    static func guardedExpression(_ zaak: String, flag: (Int) -> String) -> String {
        let index = Dictionary(uniqueKeysWithValues: guardedPaths.enumerated().map { ($1, $0) })
        let fields = guardedPaths.filter { !$0.contains(".") }.map { field -> String in
            var item = "e"
            if let withType = itemWithType(field), let typeField = typeFields[field]?.0, let typeFlag = index["\(field).\(typeField)"] {
                item = "CASE WHEN \(flag(typeFlag)) THEN \(withType) ELSE e END"
            }
            return "CASE WHEN \(flag(index[field]!)) THEN jsonb_build_object('\(field)', \(ownValue(field, zaak: zaak, item: item))) ELSE '{}'::jsonb END"
        }
        return "(\(zaak).representation || jsonb_build_object('_expand', \(fields.joined(separator: " || "))))"
    }

    /// A Catalogi type of `collection` by its stored URL (text expression), as served; NULL (JSON null) for a URL
    /// that is not one of ours (others are not fetched for an expansion).
    static func catalogiType(_ collection: String, url: String) -> String {
        let uuid = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
        let pattern = "'^' || chr(1) || '\(ZGWAPI.catalogi.root)/\(collection)/(\(uuid))$'"
        return "(SELECT t.representation FROM catalogi.\(collection) t WHERE t.uuid = substring(\(url) FROM \(pattern))::uuid)"
    }
}
