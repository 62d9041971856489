import Domain
import Foundation
import Hummingbird
import PostgresNIO
import ZGWHTTP

/// Reads of one catalogus type's collection: the list with the filters all types share (`catalogus`,
/// `datumGeldigheid`, `status` with default `definitief`) plus the type's own, paginated; and `GET`/`HEAD` of
/// one, with ETag. Scope `catalogi.lezen`.
struct CatalogusTypeQueryController: Sendable {
    typealias Filters = @Sendable (QueryParameters, ResourceReference, inout SQLFilter) throws(ZGWError) -> Void

    let reader: ReadModelReader
    let references: ResourceReference
    let collection: String
    let table: String
    let parameters: Set<String>
    /// Whether the detail takes `datumGeldigheid` (VNG 1.3.1 has it on zaaktypen only).
    let detailValidity: Bool
    let filters: Filters

    init(
        client: PostgresClient, baseURL: String, logger: Logger, collection: String, extraParameters: Set<String>, detailValidity: Bool = false,
        filters: @escaping Filters
    ) {
        self.reader = ReadModelReader(client: client, baseURL: baseURL, logger: logger)
        self.references = ResourceReference(baseURL: baseURL)
        self.collection = collection
        self.table = "catalogi.\(collection)"
        self.parameters = PageRequest.parameterNames.union(["catalogus", "datumGeldigheid", "status"]).union(extraParameters)
        self.detailValidity = detailValidity
        self.filters = filters
    }

    func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        reader.mountCatalogi(on: group, collection: collection, table: table, validity: detailValidity) { request, context in try await self.list(request, context: context) }
    }

    func list(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        try query.requireOnly(parameters)
        let page = try PageRequest(query)
        var filter = SQLFilter()
        filter.reference("catalogus", try query.reference("catalogus", references: references, api: .catalogi, collection: "catalogussen"))
        filter.valid(on: try query.date("datumGeldigheid"))
        if let condition = (try query.choice("status", ConceptStatusFilter.self) ?? .definitief).condition { filter.add(condition) }
        try filters(query, references, &filter)
        return try await reader.page(table, filter: filter, page: page, request: request)
    }
}
