import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// Keeps the `documenten` read models in step with the document streams, inline: each event writes its
/// rows, then the document's served JSON (latest version, `inhoud`, `locked`, `bestandsdelen`) is refreshed in SQL.
public struct DocumentProjector: InlineProjector {
    public let name = "documenten"

    public init() {}

    public func apply(_ appended: [AppendedEvent], connection: PostgresConnection, logger: Logger) async throws {
        var touched: [UUID] = []
        var versions: [UUID: Int64] = [:]
        for event in appended {
            guard event.data != ZaakResource.destroyedPayload,
                let document = StreamName.id(of: event.streamID, category: DocumentResource.streamCategory).flatMap(UUID.init(uuidString:))
            else { continue }
            let payload = try event.decode(DocumentEvent.self)
            switch event.type {
            case DocumentResource.locked:
                try await connection.query("UPDATE documenten.informatieobjecten SET lock = \(payload.lock) WHERE uuid = \(document)", logger: logger)
            case DocumentResource.unlocked:
                try await connection.query("UPDATE documenten.informatieobjecten SET lock = NULL WHERE uuid = \(document)", logger: logger)
                if let content = payload.content {
                    try await connection.query(
                        """
                        UPDATE documenten.versions SET content_sha256 = \(content.sha256), content_size = \(content.size)
                        WHERE uuid = \(document) AND versie = (SELECT max(versie) FROM documenten.versions WHERE uuid = \(document))
                        """, logger: logger)
                }
                try await connection.query("DELETE FROM documenten.bestandsdelen WHERE informatieobject = \(document)", logger: logger)
            case DocumentResource.uploaded:
                try await connection.query(
                    "UPDATE documenten.bestandsdelen SET content_sha256 = \(payload.content?.sha256), content_size = \(payload.content?.size) WHERE uuid = \(payload.uuid)",
                    logger: logger)
            default:
                guard let (resource, action) = DocumentResource.of(eventType: event.type) else { continue }
                if resource == .enkelvoudiginformatieobject {
                    try await informatieobject(document, payload, deleted: action == "deleted", version: event.version, connection: connection, logger: logger)
                } else {
                    try await self.resource(resource, document, payload, deleted: action == "deleted", version: event.version, connection: connection, logger: logger)
                }
            }
            touched.append(document)
            versions[document] = event.version
        }
        var seen = Set<UUID>()
        for document in touched where seen.insert(document).inserted {
            // The stream's version, for appends from other aggregates' commands (a mirrored objectinformatieobject).
            try await connection.query(
                "UPDATE documenten.informatieobjecten SET stream_version = \(versions[document] ?? 0) WHERE uuid = \(document)", logger: logger)
            try await Self.refresh(document, connection: connection, logger: logger)
        }
    }

    func informatieobject(
        _ document: UUID, _ payload: DocumentEvent, deleted: Bool, version: Int64, connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !deleted, let state = payload.state else {
            for table in ["informatieobjecten", "versions"] {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM documenten.\(table) WHERE uuid = $1", binds: .of(document)), logger: logger)
            }
            for table in ["resources", "bestandsdelen"] {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM documenten.\(table) WHERE informatieobject = $1", binds: .of(document)), logger: logger)
            }
            return
        }
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        let versie = state["versie"]?.integer ?? 1
        let registratie = state.string("beginRegistratie")
        // An amendment (same versie) keeps the bytes the version has.
        try await connection.query(
            """
            INSERT INTO documenten.versions AS v (uuid, versie, begin_registratie, representation, content_sha256, content_size)
            VALUES (\(document), \(versie), \(registratie)::timestamptz, \(json)::jsonb, \(payload.content?.sha256), \(payload.content?.size))
            ON CONFLICT (uuid, versie) DO UPDATE SET representation = excluded.representation,
                content_sha256 = coalesce(excluded.content_sha256, v.content_sha256), content_size = coalesce(excluded.content_size, v.content_size)
            """, logger: logger)
        try await connection.query(
            """
            INSERT INTO documenten.informatieobjecten AS i (uuid, representation, lock, stream_version) VALUES (\(document), \(json)::jsonb, \(payload.lock), \(version))
            ON CONFLICT (uuid) DO UPDATE SET stream_version = excluded.stream_version, lock = coalesce(excluded.lock, i.lock)
            """, logger: logger)
        if let parts = payload.parts {
            try await connection.query("DELETE FROM documenten.bestandsdelen WHERE informatieobject = \(document)", logger: logger)
            for part in parts {
                try await connection.query(
                    "INSERT INTO documenten.bestandsdelen (uuid, informatieobject, volgnummer, omvang) VALUES (\(part.uuid), \(document), \(part.volgnummer), \(part.omvang))",
                    logger: logger)
            }
        }
    }

    func resource(
        _ kind: DocumentResource, _ document: UUID, _ payload: DocumentEvent, deleted: Bool, version: Int64, connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !deleted, let state = payload.state else {
            try await connection.query("DELETE FROM documenten.resources WHERE uuid = \(payload.uuid)", logger: logger)
            return
        }
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO documenten.resources (uuid, informatieobject, kind, representation, stream_version)
            VALUES (\(payload.uuid), \(document), \(kind.rawValue), \(json)::jsonb, \(version))
            ON CONFLICT (uuid) DO UPDATE SET representation = excluded.representation, stream_version = excluded.stream_version
            """, logger: logger)
    }

    /// Recomputes what the API derives: each version's `inhoud` (its download URL when it has bytes), and the
    /// served document: the latest version with `locked` and the `bestandsdelen` of the upload in progress.
    static func refresh(_ document: UUID, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE documenten.versions v SET representation = v.representation || jsonb_build_object('inhoud',
                CASE WHEN v.content_sha256 IS NULL THEN NULL
                ELSE chr(1) || '/documenten/api/v1/enkelvoudiginformatieobjecten/' || v.uuid::text || '/download?versie=' || v.versie END)
            WHERE v.uuid = \(document)
            """, logger: logger)
        try await connection.query(
            """
            UPDATE documenten.informatieobjecten i SET representation = (
                SELECT v.representation || jsonb_build_object(
                    'locked', i.lock IS NOT NULL,
                    'bestandsdelen', coalesce((
                        SELECT jsonb_agg(jsonb_build_object(
                            'url', chr(1) || '/documenten/api/v1/bestandsdelen/' || b.uuid::text,
                            'volgnummer', b.volgnummer, 'omvang', b.omvang, 'voltooid', b.content_sha256 IS NOT NULL) ORDER BY b.volgnummer)
                        FROM documenten.bestandsdelen b WHERE b.informatieobject = i.uuid), '[]'))
                FROM documenten.versions v WHERE v.uuid = i.uuid ORDER BY v.versie DESC LIMIT 1)
            WHERE i.uuid = \(document)
            """, logger: logger)
    }
}
