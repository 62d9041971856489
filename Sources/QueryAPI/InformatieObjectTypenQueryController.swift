import Domain
import EventStore
import Foundation
import Hummingbird
import PostgresNIO
import Projections
import ZGWHTTP

/// `GET /catalogi/api/v1/informatieobjecttypen` (filters `catalogus`, `datumGeldigheid`, `omschrijving`,
/// `omschrijving__icontains`, `status` (default `definitief`), `zaaktype`; paginated) and `GET`/`HEAD` of one,
/// with ETag. Scope `catalogi.lezen`.
public struct InformatieObjectTypenQueryController: Sendable {
    let reader: ReadModelReader
    let references: ResourceReference

    public init(client: PostgresClient, baseURL: String, logger: Logger) {
        self.reader = ReadModelReader(client: client, baseURL: baseURL, logger: logger)
        self.references = ResourceReference(baseURL: baseURL)
    }

    static let table = "catalogi.informatieobjecttypen"

    static let listParameters = PageRequest.parameterNames.union([
        "catalogus", "datumGeldigheid", "omschrijving", "omschrijving__icontains", "status", "zaaktype",
    ])

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("informatieobjecttypen") { request, context in try await self.list(request, context: context) }
        group.get("informatieobjecttypen/:uuid") { request, context in try await self.detail(request, context: context) }
        group.head("informatieobjecttypen/:uuid") { request, context in try await self.detail(request, context: context).withoutBody() }
    }

    func list(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("catalogi.lezen"), component: .ztc)
        let query = QueryParameters(request)
        try query.requireOnly(Self.listParameters)
        let page = try PageRequest(query)
        var filter = SQLFilter()
        filter.reference("catalogus", try query.reference("catalogus", references: references, api: .catalogi, collection: "catalogussen"))
        filter.valid(on: try query.date("datumGeldigheid"))
        filter.equals("omschrijving", query.string("omschrijving"))
        filter.contains("omschrijving", query.string("omschrijving__icontains"))
        if let condition = (try query.choice("status", ConceptStatusFilter.self) ?? .definitief).condition { filter.add(condition) }
        // No zaaktype-informatieobjecttype relations exist before zaaktypen do: a zaaktype filter matches nothing.
        if try query.reference("zaaktype", references: references, api: .catalogi, collection: "zaaktypen") != nil { filter.add("false") }
        return try await reader.page(Self.table, filter: filter, page: page, request: request)
    }

    func detail(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("catalogi.lezen"), component: .ztc)
        return try await reader.detail(Self.table, request: request, context: context)
    }
}
