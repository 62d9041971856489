import EventStore
import Foundation
import PostgresNIO

/// The latest version of a document (`GET enkelvoudiginformatieobjecten/{uuid}` without `versie` or
/// `registratieOp`), prepared: each pooled connection parses and plans it once.
struct ServedDocumentVersion: PostgresPreparedStatement {
    static let name = "QueryAPI.ServedDocumentVersion"
    /// The version as served, its content, and what the authorisation check needs; `v` a version, `i` its document.
    static let selection = """
        SELECT (v.representation || jsonb_build_object('locked', i.lock IS NOT NULL, 'bestandsdelen', i.representation->'bestandsdelen'))::text,
               v.content_sha256, v.content_size, i.informatieobjecttype, i.representation->>'vertrouwelijkheidaanduiding'
        FROM documenten.versions v JOIN documenten.informatieobjecten i ON i.uuid = v.uuid
        """
    static let sql = selection + " WHERE v.uuid = $1 ORDER BY v.versie DESC LIMIT 1"
    typealias Row = (String, String?, Int64?, String, String)

    let uuid: UUID

    func makeBindings() -> PostgresBindings { .of(uuid) }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
