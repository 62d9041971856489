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
    let table: String
    /// Whether `zaaktypeIdentificatie`, `datumGeldigheid` and `status` filter through the zaaktype.
    let zaaktypeFilters: Bool
    let parameters: Set<String>
    let order: String
    let filters: Filters

    init(
        client: PostgresClient, baseURL: String, logger: Logger, collection: String, table: String? = nil, order: String = "created_position",
        zaaktypeFilters: Bool = true, extraParameters: Set<String> = [], filters: @escaping Filters = { _, _ in }
    ) {
        self.reader = ReadModelReader(client: client, baseURL: baseURL, logger: logger)
        self.references = ResourceReference(baseURL: baseURL)
        self.collection = collection
        self.table = table ?? "catalogi.\(collection)"
        self.zaaktypeFilters = zaaktypeFilters
        self.order = order
        let zaaktypeParameters: Set<String> = zaaktypeFilters ? ["zaaktypeIdentificatie", "status", "datumGeldigheid"] : []
        self.parameters = PageRequest.parameterNames.union(["zaaktype"]).union(zaaktypeParameters).union(extraParameters)
        self.filters = filters
    }

    func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        reader.mountCatalogi(on: group, collection: collection, table: table) { request, context in try await self.list(request, context: context) }
    }

    func list(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        try query.requireOnly(parameters)
        let page = try PageRequest(query)
        var filter = SQLFilter()
        filter.reference("zaaktype", try query.reference("zaaktype", references: references, api: .catalogi, collection: "zaaktypen"))
        if zaaktypeFilters {
            // The zaaktype's properties, through its read model.
            var zaaktype = SQLFilter(startingAt: filter)
            zaaktype.equals("identificatie", query.string("zaaktypeIdentificatie"))
            zaaktype.valid(on: try query.date("datumGeldigheid"))
            if let condition = (try query.choice("status", ConceptStatusFilter.self) ?? .definitief).condition { zaaktype.add(condition) }
            filter.adopt(zaaktype) { "zaaktype IN (SELECT uuid FROM catalogi.zaaktypen\($0))" }
        }
        try filters(query, &filter)
        return try await reader.page(table, filter: filter, page: page, request: request, order: order)
    }
}
