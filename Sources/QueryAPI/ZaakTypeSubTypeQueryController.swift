import Domain
import Foundation
import Hummingbird
import PostgresNIO
import ZGWHTTP

/// Reads of one zaaktype sub-type's collection: filters on its zaaktype (`zaaktype`, `zaaktypeIdentificatie`,
/// `status` of the zaaktype with default `definitief`, `datumGeldigheid` of the zaaktype) plus its own;
/// paginated; and `GET`/`HEAD` of one with ETag. Scope `catalogi.lezen`.
struct ZaakTypeSubTypeQueryController: Sendable {
    typealias Filters = @Sendable (QueryParameters, inout SQLFilter) throws(ZGWError) -> Void

    let reader: ReadModelReader
    let references: ResourceReference
    let collection: String
    let parameters: Set<String>
    let order: String
    let filters: Filters

    init(
        client: PostgresClient, baseURL: String, logger: Logger, collection: String, order: String = "created_position",
        extraParameters: Set<String> = [], filters: @escaping Filters = { _, _ in }
    ) {
        self.reader = ReadModelReader(client: client, baseURL: baseURL, logger: logger)
        self.references = ResourceReference(baseURL: baseURL)
        self.collection = collection
        self.order = order
        self.parameters = PageRequest.parameterNames.union(["zaaktype", "zaaktypeIdentificatie", "status", "datumGeldigheid"]).union(extraParameters)
        self.filters = filters
    }

    func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        reader.mountCatalogi(on: group, collection: collection, table: "catalogi.\(collection)") { request, context in try await self.list(request, context: context) }
    }

    func list(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        try query.requireOnly(parameters)
        let page = try PageRequest(query)
        var filter = SQLFilter()
        filter.reference("zaaktype", try query.reference("zaaktype", references: references, api: .catalogi, collection: "zaaktypen"))
        // The zaaktype's properties, through its read model.
        var zaaktype = SQLFilter(startingAt: filter)
        zaaktype.equals("identificatie", query.string("zaaktypeIdentificatie"))
        zaaktype.valid(on: try query.date("datumGeldigheid"))
        if let condition = (try query.choice("status", ConceptStatusFilter.self) ?? .definitief).condition { zaaktype.add(condition) }
        filter.adopt(zaaktype) { "zaaktype IN (SELECT uuid FROM catalogi.zaaktypen\($0))" }
        try filters(query, &filter)
        return try await reader.page("catalogi.\(collection)", filter: filter, page: page, request: request, order: order)
    }
}
