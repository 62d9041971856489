import Domain
import Foundation
import Logging
import PostgresNIO
import ZGWHTTP

/// drc-011..014 `expand`: the informatieobjecttype of a document, and the document (with its type) of a
/// gebruiksrechten, objectinformatieobject or verzending, in `_expand` by field. Expansion stays within this
/// API and the Catalogi API; sub-resources' documents are the documents the client already may read.
struct DocumentExpander {
    let client: PostgresClient
    let logger: Logger

    static let documentPaths: Set<String> = ["informatieobjecttype"]
    static let resourcePaths: Set<String> = ["informatieobject", "informatieobject.informatieobjecttype"]

    /// Parses `expand=a,b.c` against the allowed paths; 400 `invalid-expand-field` otherwise.
    static func parse(_ value: String?, allowed: Set<String>) throws(ZGWError) -> Set<String> {
        guard let value, !value.isEmpty else { return [] }
        var paths = Set<String>()
        for path in value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard allowed.contains(path) else {
                throw .validation([InvalidParam(name: "expand", code: "invalid-expand-field", reason: "Het veld \(path) kan niet ge-expand worden.")])
            }
            paths.insert(path)
        }
        return paths
    }

    /// The stored JSON text with `_expand` added for `paths`.
    func expand(_ json: String, paths: Set<String>) async throws -> String {
        guard !paths.isEmpty else { return json }
        var object = JSONValue.decodeObject(json)
        var expanded: [String: JSONValue] = [:]
        if paths.contains("informatieobjecttype") {
            expanded["informatieobjecttype"] = try await stored("catalogi.informatieobjecttypen", object.string("informatieobjecttype"), api: .catalogi, collection: "informatieobjecttypen")
        }
        if paths.contains("informatieobject") || paths.contains("informatieobject.informatieobjecttype") {
            var document = try await stored(
                "documenten.informatieobjecten", object.string("informatieobject"), api: .documenten, collection: "enkelvoudiginformatieobjecten")
            if paths.contains("informatieobject.informatieobjecttype"), case .object(var fields) = document {
                let type = try await stored("catalogi.informatieobjecttypen", fields.string("informatieobjecttype"), api: .catalogi, collection: "informatieobjecttypen")
                fields["_expand"] = .object(["informatieobjecttype": type])
                document = .object(fields)
            }
            expanded["informatieobject"] = document
        }
        object["_expand"] = .object(expanded)
        return JSONValue.object(object).jsonText
    }

    /// One of our resources by stored URL; null when it is not ours or gone.
    func stored(_ table: String, _ url: String, api: ZGWAPI, collection: String) async throws -> JSONValue {
        guard let uuid = ResourceURL.uuid(in: url, api: api, collection: collection) else { return .null }
        let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT representation::text FROM \(table) WHERE uuid = $1", binds: .of(uuid)), logger: logger).collect()
        guard let text = try rows.first?.decode(String.self) else { return .null }
        return .object(JSONValue.decodeObject(text))
    }
}
