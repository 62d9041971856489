import ContentStore
import Domain
import EventStore
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ZGWHTTP

/// The reads of the Documenten API: informatieobjecten (list, `_zoek`, detail of any version, download),
/// gebruiksrechten, objectinformatieobjecten, verzendingen and the audit trail. Every list is filtered in SQL
/// to the informatieobjecttypen and vertrouwelijkheid the client may read; a detail outside them is a 403.
public struct DocumentenQueryController: Sendable {
    let client: PostgresClient
    let store: EventStore
    let baseURL: String
    let logger: Logger
    let contents: any ContentStore
    var reader: ReadModelReader { ReadModelReader(client: client, baseURL: baseURL, logger: logger) }
    var urls: ZaakListFilters { ZaakListFilters(baseURL: baseURL) }
    var expander: DocumentExpander { DocumentExpander(client: client, logger: logger) }

    public init(store: EventStore, baseURL: String, logger: Logger, contents: any ContentStore) {
        self.client = store.client
        self.store = store
        self.baseURL = baseURL
        self.logger = logger
        self.contents = contents
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("enkelvoudiginformatieobjecten") { request, context in try await self.listDocuments(request, context: context) }
        group.post("enkelvoudiginformatieobjecten/_zoek") { request, context in try await self.search(request, context: context) }
        group.get("enkelvoudiginformatieobjecten/:uuid") { request, context in try await self.document(request, context: context) }
        group.head("enkelvoudiginformatieobjecten/:uuid") { request, context in try await self.document(request, context: context).withoutBody() }
        group.get("enkelvoudiginformatieobjecten/:uuid/download") { request, context in try await self.download(request, context: context) }
        for kind in [DocumentResource.gebruiksrechten, .objectinformatieobject, .verzending] {
            group.get(RouterPath(kind.collection)) { request, context in try await self.list(kind, request, context: context) }
            group.get(RouterPath("\(kind.collection)/:uuid")) { request, context in try await self.detail(kind, request, context: context) }
            group.head(RouterPath("\(kind.collection)/:uuid")) { request, context in try await self.detail(kind, request, context: context).withoutBody() }
        }
        DocumentAuditTrailController(store: store, baseURL: baseURL).addRoutes(to: group)
    }

    func authorisation(_ context: ZGWRequestContext) async throws -> TypeAuthorisation {
        try await TypeAuthorisation.resolve(
            client: try context.requireScopes(.scope("documenten.lezen"), component: .drc), component: .drc, baseURL: baseURL, database: client, logger: logger)
    }

    func restrict(_ filter: inout SQLFilter, _ authorisation: TypeAuthorisation, row: String) {
        TypeVisibility.restrict(
            &filter, to: authorisation.visible(with: "documenten.lezen"), table: "documenten.informatieobjecten", typeColumn: "informatieobjecttype", row: row)
    }

    // MARK: - Informatieobjecten

    func listDocuments(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        let query = QueryParameters(request)
        try query.requireOnly(Set(["identificatie", "bronorganisatie", "trefwoorden", "expand"]).union(PageRequest.parameterNames))
        var filter = SQLFilter()
        filter.equals("identificatie", query.string("identificatie"))
        filter.equals("bronorganisatie", query.string("bronorganisatie"))
        if let trefwoorden = query.list("trefwoorden") {
            // Every given trefwoord.
            filter.add(trefwoorden) { "representation->'trefwoorden' ?& \($0)::text[]" }
        }
        let paths = try DocumentExpander.parse(query.string("expand"), allowed: DocumentExpander.documentPaths)
        return try await documentsPage(filter, paths: paths, page: try PageRequest(query), request: request, authorisation: authorisation)
    }

    /// `POST /enkelvoudiginformatieobjecten/_zoek` with `uuid__in` (the VNG spec spells it `uuid_In`) and `expand`.
    func search(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        let query = QueryParameters(request)
        try query.requireOnly(PageRequest.parameterNames)
        let body = try await JSONBody.parse(request, context: context).fields
        guard let list = (body["uuid__in"] ?? body["uuid_In"])?.array else {
            throw ZGWError.validation([InvalidParam(name: "uuid__in", code: "required", reason: "Dit veld is vereist.")])
        }
        let uuids = try list.map { item throws(ZGWError) -> UUID in
            guard let uuid = item.text.flatMap(UUID.init(uuidString:)) else {
                throw .validation([InvalidParam(name: "uuid__in", code: "invalid", reason: "Geef een lijst van uuid's.")])
            }
            return uuid
        }
        var filter = SQLFilter()
        filter.add(uuids) { "uuid = ANY(\($0))" }
        let expand: String? = switch body["expand"] { case .string(let text)?: text; default: nil }
        let paths = try DocumentExpander.parse(expand, allowed: DocumentExpander.documentPaths)
        return try await documentsPage(filter, paths: paths, page: try PageRequest(query), request: request, authorisation: authorisation)
    }

    func documentsPage(_ filter: SQLFilter, paths: Set<String>, page: PageRequest, request: Request, authorisation: TypeAuthorisation) async throws -> Response {
        var filter = filter
        restrict(&filter, authorisation, row: "documenten.informatieobjecten.uuid")
        return try await reader.page("documenten.informatieobjecten", filter: filter, page: page, request: request, transform: expansion(paths))
    }

    /// One version: the latest, or `?versie=`, or the one registered at `?registratieOp=`.
    func document(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        let query = QueryParameters(request)
        try query.requireOnly(["versie", "registratieOp", "expand"])
        let paths = try DocumentExpander.parse(query.string("expand"), allowed: DocumentExpander.documentPaths)
        let version = try await self.version(query, context: context, authorisation: authorisation)
        return JSONResponse.detail(ResourceURL.render(try await expander.expand(version.json, paths: paths), baseURL: baseURL), request: request)
    }

    /// The bytes of a version, streamed from the content store.
    func download(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        let query = QueryParameters(request)
        try query.requireOnly(["versie", "registratieOp"])
        let version = try await self.version(query, context: context, authorisation: authorisation)
        guard let content = version.content else { throw ZGWError.notFound("Het informatieobject heeft (nog) geen inhoud.") }
        let chunks = try contents.read(content, range: nil)
        let state = JSONValue.decodeObject(version.json)
        var headers: HTTPFields = [.contentType: "application/octet-stream", .contentLength: String(content.size)]
        let name = state.string("bestandsnaam").replacingOccurrences(of: "\"", with: "")
        if !name.isEmpty { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        return Response(status: .ok, headers: headers, body: .streaming(chunks, on: context.eventLoop))
    }

    struct Version {
        var json: String
        var content: StoredContent?
    }

    func version(_ query: QueryParameters, context: ZGWRequestContext, authorisation: TypeAuthorisation) async throws -> Version {
        guard let uuid = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        var filter = SQLFilter()
        filter.add(uuid) { "v.uuid = \($0)" }
        if let versie = try query.positiveInteger("versie") { filter.add(Int32(clamping: versie)) { "v.versie = \($0)" } }
        if let registratieOp = query.string("registratieOp") {
            guard let instant = ZGWDateTime.parse(registratieOp) else {
                throw ZGWError.validation([InvalidParam(name: "registratieOp", code: "invalid", reason: "Geef een geldige datum-tijd.")])
            }
            filter.add(instant) { "v.begin_registratie <= \($0)" }
        }
        let found: ServedDocumentVersion.Row?
        if filter.conditions.count == 1 {
            // Only the uuid: the latest version, prepared.
            found = try await client.rows(ServedDocumentVersion(uuid: uuid), logger: logger).first
        } else {
            let rows = try await client.query(
                PostgresQuery(unsafeSQL: "\(ServedDocumentVersion.selection)\(filter.whereClause) ORDER BY v.versie DESC LIMIT 1", binds: filter.bindings),
                logger: logger
            ).collect()
            found = try rows.first?.decode(ServedDocumentVersion.Row.self)
        }
        guard let (json, sha256, size, type, vertrouwelijkheid) = found else { throw ZGWError.notFound() }
        try authorisation.require(.scope("documenten.lezen"), type: type, vertrouwelijkheid: vertrouwelijkheid)
        return Version(json: json, content: sha256.map { StoredContent(sha256: $0, size: size ?? 0) })
    }

    // MARK: - Resources under a document

    func list(_ kind: DocumentResource, _ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        let query = QueryParameters(request)
        var allowed: Set<String> = ["informatieobject", "expand"]
        switch kind {
        case .gebruiksrechten: allowed.formUnion(["startdatum", "einddatum"].flatMap { field in ["lt", "lte", "gt", "gte"].map { "\(field)__\($0)" } })
        case .objectinformatieobject: allowed.insert("object")
        case .verzending: allowed.formUnion(Set(["aardRelatie", "betrokkene"]).union(PageRequest.parameterNames))
        default: break
        }
        try query.requireOnly(allowed)
        var filter = SQLFilter()
        filter.add(kind.rawValue) { "kind = \($0)" }
        if let informatieobject = query.string("informatieobject") {
            let stored = try urls.stored(informatieobject, name: "informatieobject")
            if let uuid = ResourceURL.uuid(in: stored, api: .documenten, collection: "enkelvoudiginformatieobjecten") {
                filter.add(uuid) { "informatieobject = \($0)" }
            } else {
                filter.add("false")
            }
        }
        for name in ["object", "betrokkene"] {
            guard let value = query.string(name) else { continue }
            let stored = try urls.stored(value, name: name)
            // Containment, so the GIN index on the representations finds the rows (an `->>` comparison scanned them all).
            filter.add(JSONValue.object([name: .string(stored)]).jsonText) { "representation @> \($0)::jsonb" }
        }
        if let aard = query.string("aardRelatie") { filter.add(aard) { "representation->>'aardRelatie' = \($0)" } }
        for field in ["startdatum", "einddatum"] {
            for (suffix, op) in [("lt", "<"), ("lte", "<="), ("gt", ">"), ("gte", ">=")] {
                let name = "\(field)__\(suffix)"
                guard let value = query.string(name) else { continue }
                guard let instant = ZGWDateTime.parse(value) else {
                    throw ZGWError.validation([InvalidParam(name: name, code: "invalid", reason: "Geef een geldige datum-tijd.")])
                }
                filter.add(instant) { "(representation->>'\(field)')::timestamptz \(op) \($0)" }
            }
        }
        restrict(&filter, authorisation, row: "documenten.resources.informatieobject")
        let paths = try DocumentExpander.parse(query.string("expand"), allowed: DocumentExpander.resourcePaths)
        // Only verzendingen are paginated (documenten-1.4.2).
        if kind == .verzending {
            return try await reader.page("documenten.resources", filter: filter, page: try PageRequest(query), request: request, transform: expansion(paths))
        }
        return try await reader.array("documenten.resources", filter: filter, transform: expansion(paths))
    }

    /// Adds `_expand` for `paths` to each listed resource (nothing to do without paths).
    func expansion(_ paths: Set<String>) -> ReadModelReader.Transform? {
        guard !paths.isEmpty else { return nil }
        let expander = expander
        return { json in try await expander.expand(json, paths: paths) }
    }

    /// One resource under a document, with ETag; 403 when its document is outside the client's autorisaties.
    func detail(_ kind: DocumentResource, _ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        let query = QueryParameters(request)
        try query.requireOnly(kind == .objectinformatieobject ? [] : ["expand"])
        let paths = try DocumentExpander.parse(query.string("expand"), allowed: DocumentExpander.resourcePaths)
        guard let uuid = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let rows = try await client.query(
            """
            SELECT r.representation::text, i.informatieobjecttype, i.representation->>'vertrouwelijkheidaanduiding'
            FROM documenten.resources r JOIN documenten.informatieobjecten i ON i.uuid = r.informatieobject WHERE r.uuid = \(uuid) AND r.kind = \(kind.rawValue)
            """, logger: logger
        ).collect()
        guard let (json, type, vertrouwelijkheid) = try rows.first?.decode((String, String, String).self) else { throw ZGWError.notFound() }
        try authorisation.require(.scope("documenten.lezen"), type: type, vertrouwelijkheid: vertrouwelijkheid)
        return JSONResponse.detail(ResourceURL.render(try await expander.expand(json, paths: paths), baseURL: baseURL), request: request)
    }
}
