import Domain
import Foundation
import Hummingbird
import PostgresNIO
import ZGWHTTP

/// `GET /catalogi/api/v1/catalogussen` (filters `domein`, `domein__in`, `rsin`, `rsin__in`, paginated) and
/// `GET`/`HEAD …/catalogussen/{uuid}` with ETag (scope `catalogi.lezen`). Reads the read model only.
public struct CatalogussenQueryController: Sendable {
    let reader: ReadModelReader

    public init(client: PostgresClient, baseURL: String, logger: Logger) {
        self.reader = ReadModelReader(client: client, baseURL: baseURL, logger: logger)
    }

    static let table = "catalogi.catalogussen"
    static let listParameters: Set<String> = PageRequest.parameterNames.union(["domein", "domein__in", "rsin", "rsin__in"])

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("catalogussen") { request, context in try await self.list(request, context: context) }
        group.get("catalogussen/:uuid") { request, context in try await self.detail(request, context: context) }
        group.head("catalogussen/:uuid") { request, context in try await self.detail(request, context: context).withoutBody() }
    }

    func list(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireCatalogiRead()
        let query = QueryParameters(request)
        try query.requireOnly(Self.listParameters)
        var filter = SQLFilter()
        filter.equals("domein", query.string("domein"))
        filter.isIn("domein", query.list("domein__in"))
        filter.equals("rsin", query.string("rsin"))
        filter.isIn("rsin", query.list("rsin__in"))
        return try await reader.page(Self.table, filter: filter, page: try PageRequest(query), request: request)
    }

    func detail(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireCatalogiRead()
        return try await reader.detail(Self.table, request: request, context: context)
    }
}
