import Domain
import EventStore
import Foundation
import Hummingbird
import PostgresNIO
import Projections
import ZGWHTTP

/// `GET /catalogi/api/v1/catalogussen` (filters `domein`, `domein__in`, `rsin`, `rsin__in`, paginated) and
/// `GET`/`HEAD …/catalogussen/{uuid}` with ETag (scope `catalogi.lezen`). Reads the read model only.
public struct CatalogussenQueryController: Sendable {
    let client: PostgresClient
    let baseURL: String
    let logger: Logger

    public init(client: PostgresClient, baseURL: String, logger: Logger) {
        self.client = client
        self.baseURL = baseURL
        self.logger = logger
    }

    static let listParameters: Set<String> = PageRequest.parameterNames.union(["domein", "domein__in", "rsin", "rsin__in"])

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("catalogussen") { request, context in try await self.list(request, context: context) }
        group.get("catalogussen/:uuid") { request, context in try await self.detail(request, context: context) }
        group.head("catalogussen/:uuid") { request, context in try await self.detail(request, context: context).withoutBody() }
    }

    func list(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("catalogi.lezen"), component: .ztc)
        let query = QueryParameters(request)
        try query.requireOnly(Self.listParameters)
        let page = try PageRequest(query)
        var filter = SQLFilter()
        filter.equals("domein", query.string("domein"))
        filter.isIn("domein", query.list("domein__in"))
        filter.equals("rsin", query.string("rsin"))
        filter.isIn("rsin", query.list("rsin__in"))
        let (countQuery, rowsQuery) = filter.page(from: "catalogi.catalogussen", order: "created_position", page: page)
        let count = try await client.query(countQuery, logger: logger).collect().first?.decode(Int64.self) ?? 0
        var results: [String] = []
        for try await json in try await client.query(rowsQuery, logger: logger).decode(String.self) {
            results.append(json)
        }
        let body = try page.render(count: Int(count), results: results, request: request, baseURL: baseURL)
        return JSONResponse.make(ResourceURL.render(body, baseURL: baseURL))
    }

    func detail(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("catalogi.lezen"), component: .ztc)
        guard let uuid = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let rows = try await client.query("SELECT representation::text FROM catalogi.catalogussen WHERE uuid = \(uuid)", logger: logger).collect()
        guard let stored = try rows.first?.decode(String.self) else { throw ZGWError.notFound() }
        return JSONResponse.detail(ResourceURL.render(stored, baseURL: baseURL), request: request)
    }
}

extension Response {
    /// The same headers without a body, for HEAD.
    func withoutBody() -> Response {
        var response = self
        response.body = .init()
        return response
    }
}
