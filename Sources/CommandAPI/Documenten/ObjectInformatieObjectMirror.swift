import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// zrc-005 / drc-002: a zaakinformatieobject on one of our documents is mirrored by an objectinformatieobject
/// in the document's stream, appended in the zaakinformatieobject's transaction, so both exist or neither
/// (Open Zaak calls its own Documenten API over HTTP for this). The mirror is a derived change: not notified.
enum ObjectInformatieObjectMirror {
    // The same for the besluitinformatieobjecten of besluiten (brc-005).
    static func created(document: UUID, version: Int64, zaak: UUID, informatieobject: String) throws -> ZaakChange {
        let mirror = try objectInformatieObject(
            document: document, version: version, object: ZaakResource.zaak.url(zaak, zaak: zaak), objectType: "zaak", informatieobject: informatieobject)
        return ZaakChange(foreign: mirror, zaak: zaak)
    }

    /// The objectinformatieobject of a relation another aggregate holds (a zaak's ZIO, a besluit's BIO), for
    /// the document's stream at the version its read model shows.
    static func objectInformatieObject(document: UUID, version: Int64, object: String, objectType: String, informatieobject: String) throws -> ForeignChange {
        let uuid = UUID()
        let state: [String: JSONValue] = [
            "url": .string(DocumentResource.objectinformatieobject.url(uuid)), "informatieobject": .string(informatieobject),
            "object": .string(object), "objectType": .string(objectType),
        ]
        let event = try NewEvent(type: DocumentResource.objectinformatieobject.created, payload: DocumentEvent(uuid: uuid, state: state, notificatie: nil))
        return ForeignChange(stream: StreamName.make(category: DocumentResource.streamCategory, id: document), expected: .exact(version), event: event)
    }

    /// The objectinformatieobjecten that mirror the zaakinformatieobjecten of `zaken` (all, or those of one
    /// document), removed with them.
    static func deleted(
        zaken: [UUID], informatieobject: String? = nil, connection: PostgresConnection, logger: Logger
    ) async throws -> [ZaakChange] {
        guard let zaak = zaken.first else { return [] }
        return try await removals(objects: zaken.map { ZaakResource.zaak.url($0, zaak: $0) }, informatieobject: informatieobject, connection: connection, logger: logger)
            .map { ZaakChange(foreign: $0, zaak: zaak) }
    }

    /// The removal of the objectinformatieobjecten of `objects` (all, or those of one document).
    static func removals(
        objects: [String], informatieobject: String? = nil, connection: PostgresConnection, logger: Logger
    ) async throws -> [ForeignChange] {
        let rows = try await connection.query(
            """
            SELECT r.uuid, r.informatieobject, i.stream_version FROM documenten.resources r
            JOIN documenten.informatieobjecten i ON i.uuid = r.informatieobject
            WHERE r.kind = 'objectinformatieobject' AND r.representation->>'object' = ANY(\(objects))
              AND (\(informatieobject)::text IS NULL OR r.representation->>'informatieobject' = \(informatieobject))
            ORDER BY r.informatieobject
            """, logger: logger
        ).collect()
        var changes: [ForeignChange] = []
        var versions: [UUID: Int64] = [:]
        for row in rows {
            let (uuid, document, version) = try row.decode((UUID, UUID, Int64).self)
            // Several mirrors in one document's stream: the second appends after the first.
            let expected = versions[document].map { $0 + 1 } ?? version
            versions[document] = expected
            let event = try NewEvent(type: DocumentResource.objectinformatieobject.deleted, payload: DocumentEvent(uuid: uuid, state: nil, notificatie: nil))
            let stream = StreamName.make(category: DocumentResource.streamCategory, id: document)
            changes.append(ForeignChange(stream: stream, expected: .exact(expected), event: event))
        }
        return changes
    }
}
