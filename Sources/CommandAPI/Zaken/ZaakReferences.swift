import Domain
import Foundation
import Logging
import PostgresNIO

/// Resolves the references of zaak resources (stored form: our URLs behind `ResourceURL.marker`): our own
/// resources from the read models on the transaction's connection, others over HTTP. Catalogi objects come
/// back in stored form too, so their URLs compare directly with the zaak's.
struct ZaakReferences: Sendable {
    var remote: RemoteResources
    let baseURL: String

    /// An absolute URL in stored form: ours relative behind the marker, others as they are.
    func stored(_ url: String) -> String {
        ResourceURL.stored(url, baseURL: baseURL)
    }

    /// The uuid of one of our resources at `<root>/<collection>/<uuid>`, or nil.
    static func localUUID(_ storedURL: String, api: ZGWAPI, collection: String) -> UUID? {
        ResourceURL.uuid(in: storedURL, api: api, collection: collection)
    }

    static func isLocal(_ storedURL: String) -> Bool { storedURL.hasPrefix(ResourceURL.marker) }

    /// A copy that has fetched every external URL in `values` (top level, and one level into lists of
    /// objects such as `relevanteAndereZaken`) ahead of the transaction.
    func prefetching(_ values: [String: JSONValue], also extra: [String] = []) async -> ZaakReferences {
        var urls = Set(extra.filter { !Self.isLocal($0) && !$0.isEmpty })
        func collect(_ value: JSONValue) {
            switch value {
            case .string(let text) where text.hasPrefix("http://") || text.hasPrefix("https://"): urls.insert(text)
            case .array(let items): items.forEach(collect)
            case .object(let object): object.values.forEach { if case .string = $0 { collect($0) } }
            default: break
            }
        }
        values.values.forEach(collect)
        var copy = self
        copy.remote = await remote.prefetching(urls)
        return copy
    }

    /// The resource of `collection` in `api` (nil: an API this server does not serve) that `url` (stored form)
    /// refers to, checked in the reference's two steps (zrc-001, drc-001, brc-001, zrc-010, drc-002): ours from
    /// the read models, where a URL of another of our collections, an API root or a list is `invalid-resource`
    /// and a URL that would answer 404 is `bad-url`; others over HTTP, where a 200 without the resource's
    /// `requiredFields` is `invalid-resource`.
    func resolve(
        _ url: String, api: ZGWAPI?, collection: String, requiredFields: [String], connection: PostgresConnection, logger: Logger
    ) async throws -> Result<[String: JSONValue], ReferenceFailure> {
        if Self.isLocal(url) {
            if let api, let uuid = Self.localUUID(url, api: api, collection: collection),
                let location = LocalResources.location(api: api, collection: collection)
            {
                let object = try await Self.object(location.query(uuid, selecting: "representation::text"), connection: connection, logger: logger)
                return object.map { .success($0) } ?? .failure(.badURL("HTTP 404"))
            }
            return .failure(try await LocalResources.answers(url, connection: connection, logger: logger) ? .invalidResource : .badURL("HTTP 404"))
        }
        switch await remote.answer(at: url) {
        case .unreachable(let why): return .failure(.badURL(why))
        case .ok(.object(let object)?) where requiredFields.allSatisfy({ object[$0] != nil }): return .success(object)
        case .ok: return .failure(.invalidResource)
        }
    }

    /// A Catalogi resource (`zaaktypen`, `statustypen` …) by URL.
    func catalogi(_ url: String, collection: String, connection: PostgresConnection, logger: Logger) async throws -> [String: JSONValue]? {
        if Self.isLocal(url) {
            guard let uuid = Self.localUUID(url, api: .catalogi, collection: collection) else { return nil }
            return try await Self.object(
                PostgresQuery(unsafeSQL: "SELECT representation::text FROM catalogi.\(collection) WHERE uuid = $1", binds: .of(uuid)),
                connection: connection, logger: logger)
        }
        return await remote.object(at: url)
    }

    /// A zaak of this API by URL, as served.
    func zaak(_ url: String, connection: PostgresConnection, logger: Logger) async throws -> (uuid: UUID, zaak: [String: JSONValue])? {
        guard let uuid = Self.localUUID(url, api: .zaken, collection: "zaken") else { return nil }
        let zaak = try await Self.object(
            PostgresQuery(unsafeSQL: "SELECT representation::text FROM zaken.zaken WHERE uuid = $1", binds: .of(uuid)), connection: connection, logger: logger)
        return zaak.map { (uuid, $0) }
    }

    /// One of our documents by URL: its latest version as served and its stream version (a mirrored
    /// objectinformatieobject is appended at that version, so a concurrent delete of the document loses).
    func document(_ url: String, connection: PostgresConnection, logger: Logger) async throws -> (uuid: UUID, document: [String: JSONValue], version: Int64)? {
        guard let uuid = Self.localUUID(url, api: .documenten, collection: "enkelvoudiginformatieobjecten") else { return nil }
        let rows = try await connection.query(
            "SELECT representation::text, stream_version FROM documenten.informatieobjecten WHERE uuid = \(uuid)", logger: logger
        ).collect()
        guard let (text, version) = try rows.first?.decode((String, Int64).self) else { return nil }
        return (uuid, JSONValue.decodeObject(text), version)
    }

    /// A document by URL, ours from the read model, others over HTTP.
    func informatieobject(_ url: String, connection: PostgresConnection, logger: Logger) async throws -> [String: JSONValue]? {
        if Self.isLocal(url) { return try await document(url, connection: connection, logger: logger)?.document }
        return await remote.object(at: url)
    }

    static func object(_ query: PostgresQuery, connection: PostgresConnection, logger: Logger) async throws -> [String: JSONValue]? {
        let rows = try await connection.query(query, logger: logger).collect()
        guard let text = try rows.first?.decode(String.self),
            case .object(let object) = try JSONParser.parse(text)
        else { return nil }
        return object
    }
}
