import Domain
import EventStore
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ZGWHTTP

/// The reads of the Besluiten API: besluiten (list with the spec's filters, detail, audit trail) and
/// besluitinformatieobjecten. Lists are filtered in SQL to the besluittypen the client may read.
public struct BesluitenQueryController: Sendable {
    let client: PostgresClient
    let store: EventStore
    let baseURL: String
    let logger: Logger
    var reader: ReadModelReader { ReadModelReader(client: client, baseURL: baseURL, logger: logger) }
    var urls: ZaakListFilters { ZaakListFilters(baseURL: baseURL) }

    public init(store: EventStore, baseURL: String, logger: Logger) {
        self.client = store.client
        self.store = store
        self.baseURL = baseURL
        self.logger = logger
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("besluiten") { request, context in try await self.list(request, context: context) }
        group.get("besluiten/:uuid") { request, context in try await self.besluit(request, context: context) }
        group.head("besluiten/:uuid") { request, context in try await self.besluit(request, context: context).withoutBody() }
        group.get("besluitinformatieobjecten") { request, context in try await self.informatieobjecten(request, context: context) }
        group.get("besluitinformatieobjecten/:uuid") { request, context in try await self.informatieobject(request, context: context) }
        group.head("besluitinformatieobjecten/:uuid") { request, context in try await self.informatieobject(request, context: context).withoutBody() }
        AuditTrailRecord.mount(on: group, path: "besluiten/:uuid", baseURL: baseURL) { request, context in try await self.auditTrail(request, context: context) }
    }

    func authorisation(_ context: ZGWRequestContext, scope: String = "besluiten.lezen") async throws -> TypeAuthorisation {
        try await TypeAuthorisation.resolve(
            client: try context.requireScopes(.scope(scope), component: .brc), component: .brc, baseURL: baseURL, database: client, logger: logger)
    }

    func restrict(_ filter: inout SQLFilter, _ authorisation: TypeAuthorisation, row: String) {
        TypeVisibility.restrict(&filter, to: authorisation.visible(with: "besluiten.lezen"), table: "besluiten.besluiten", typeColumn: "besluittype", row: row)
    }

    func list(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        let query = QueryParameters(request)
        try query.requireOnly(Set(["identificatie", "verantwoordelijkeOrganisatie", "besluittype", "zaak"]).union(PageRequest.parameterNames))
        var filter = SQLFilter()
        filter.equals("identificatie", query.string("identificatie"))
        filter.equals("verantwoordelijke_organisatie", query.string("verantwoordelijkeOrganisatie"))
        for (name, column) in [("besluittype", "besluittype"), ("zaak", "zaak")] {
            if let value = query.string(name) { filter.equals(column, try urls.stored(value, name: name)) }
        }
        restrict(&filter, authorisation, row: "besluiten.besluiten.uuid")
        return try await reader.page("besluiten.besluiten", filter: filter, page: try PageRequest(query), request: request)
    }

    func besluit(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        try QueryParameters(request).requireOnly([])
        guard let uuid = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let rows = try await client.query("SELECT representation::text, besluittype FROM besluiten.besluiten WHERE uuid = \(uuid)", logger: logger).collect()
        guard let (json, type) = try rows.first?.decode((String, String).self) else { throw ZGWError.notFound() }
        try authorisation.require(.scope("besluiten.lezen"), type: type, vertrouwelijkheid: "")
        return JSONResponse.detail(ResourceURL.render(json, baseURL: baseURL), request: request)
    }

    func informatieobjecten(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        let query = QueryParameters(request)
        try query.requireOnly(["besluit", "informatieobject"])
        var filter = SQLFilter()
        if let besluit = query.string("besluit") {
            let stored = try urls.stored(besluit, name: "besluit")
            if let uuid = ResourceURL.uuid(in: stored, api: .besluiten, collection: "besluiten") { filter.add(uuid) { "besluit = \($0)" } } else { filter.add("false") }
        }
        if let informatieobject = query.string("informatieobject") { filter.equals("informatieobject", try urls.stored(informatieobject, name: "informatieobject")) }
        restrict(&filter, authorisation, row: "besluiten.informatieobjecten.besluit")
        return try await reader.array("besluiten.informatieobjecten", filter: filter)
    }

    func informatieobject(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let authorisation = try await authorisation(context)
        try QueryParameters(request).requireOnly([])
        guard let uuid = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let rows = try await client.query(
            """
            SELECT i.representation::text, b.besluittype FROM besluiten.informatieobjecten i JOIN besluiten.besluiten b ON b.uuid = i.besluit WHERE i.uuid = \(uuid)
            """, logger: logger
        ).collect()
        guard let (json, type) = try rows.first?.decode((String, String).self) else { throw ZGWError.notFound() }
        try authorisation.require(.scope("besluiten.lezen"), type: type, vertrouwelijkheid: "")
        return JSONResponse.detail(ResourceURL.render(json, baseURL: baseURL), request: request)
    }

    /// The besluit's changes from its stream, with who and why.
    func auditTrail(_ request: Request, context: ZGWRequestContext) async throws -> [(UUID, JSONValue)] {
        let authorisation = try await authorisation(context, scope: "audittrails.lezen")
        try QueryParameters(request).requireOnly([])
        guard let besluit = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let (changes, states) = StreamHistory(events: try await store.readStream(StreamName.make(category: BesluitResource.streamCategory, id: besluit))).fold()
        let records = AuditTrailRecord.records(changes, bron: "brc") { change in
            change.resource == BesluitResource.besluit.rawValue
                ? (change.after ?? change.before ?? [:]).string("identificatie") : "\(change.resource) \(change.resourceUUID.lowercased)"
        }
        guard let state = states[StreamHistory.key(BesluitResource.besluit.rawValue, besluit)] else { throw ZGWError.notFound() }
        try authorisation.require(.scope("audittrails.lezen"), type: state.string("besluittype"), vertrouwelijkheid: "")
        return records
    }
}
