import Domain
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ZGWHTTP

/// Serves read-model tables that hold a `representation` per row: a filtered page, or one row by uuid with
/// its ETag. Every resource's query controller reads through this.
struct ReadModelReader: Sendable {
    let client: PostgresClient
    let baseURL: String
    let logger: Logger

    /// A stored representation as it goes out (e.g. with `_expand` added).
    typealias Transform = @Sendable (String) async throws -> String

    /// One page of `table` under `filter`, in `order` (creation order by default), as the standard's paginated body.
    func page(
        _ table: String, filter: SQLFilter, page: PageRequest, request: Request, order: String = "created_position", transform: Transform? = nil
    ) async throws -> Response {
        let (countQuery, rowsQuery) = filter.page(from: table, order: order == "created_position" ? order : "\(order), created_position", page: page)
        let count = try await client.query(countQuery, logger: logger).collect().first?.decode(Int64.self) ?? 0
        var results: [String] = []
        for try await json in try await client.query(rowsQuery, logger: logger).decode(String.self) {
            results.append(try await transform?(json) ?? json)
        }
        let body = try page.render(count: Int(count), results: results, request: request, baseURL: baseURL)
        return JSONResponse.make(ResourceURL.render(body, baseURL: baseURL))
    }

    /// Every row of `table` under `filter` in creation order, as a plain JSON array (the lists the specs do not paginate).
    func array(_ table: String, filter: SQLFilter, transform: Transform? = nil) async throws -> Response {
        let rows = try await client.query(
            PostgresQuery(unsafeSQL: "SELECT representation::text FROM \(table)\(filter.whereClause) ORDER BY created_position", binds: filter.bindings),
            logger: logger)
        var items: [String] = []
        for try await json in rows.decode(String.self) { items.append(try await transform?(json) ?? json) }
        return JSONResponse.make(ResourceURL.render("[" + items.joined(separator: ",") + "]", baseURL: baseURL))
    }

    /// The row of `table` whose uuid is the path's `:uuid`, with ETag and If-None-Match; 404 when there is none.
    /// A detail takes no query parameters (400 for any), except `datumGeldigheid` where `validity` is given:
    /// then a row not valid on that date is a 404 (VNG Catalogi 1.3.1 on `zaaktypen/{uuid}`).
    func detail(_ table: String, request: Request, context: ZGWRequestContext, validity: Bool = false) async throws -> Response {
        let query = QueryParameters(request)
        try query.requireOnly(validity ? ["datumGeldigheid"] : [])
        guard let uuid = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        var filter = SQLFilter()
        filter.add(uuid) { "uuid = \($0)" }
        if validity { filter.valid(on: try query.date("datumGeldigheid")) }
        let rows = try await client.query(
            PostgresQuery(unsafeSQL: "SELECT representation::text FROM \(table)\(filter.whereClause)", binds: filter.bindings), logger: logger
        ).collect()
        guard let stored = try rows.first?.decode(String.self) else { throw ZGWError.notFound() }
        return JSONResponse.detail(ResourceURL.render(stored, baseURL: baseURL), request: request)
    }
}

extension ReadModelReader {
    /// Mounts `GET {collection}` (served by `list`) and `GET`/`HEAD {collection}/{uuid}` from `table`, each
    /// behind the Catalogi read scope.
    func mountCatalogi(
        on group: RouterGroup<ZGWRequestContext>, collection: String, table: String, validity: Bool = false,
        list: @escaping @Sendable (Request, ZGWRequestContext) async throws -> Response
    ) {
        let detail: @Sendable (Request, ZGWRequestContext) async throws -> Response = { request, context in
            try context.requireCatalogiRead()
            return try await self.detail(table, request: request, context: context, validity: validity)
        }
        group.get(RouterPath(collection)) { request, context in
            try context.requireCatalogiRead()
            return try await list(request, context)
        }
        group.get(RouterPath("\(collection)/:uuid")) { request, context in try await detail(request, context) }
        group.head(RouterPath("\(collection)/:uuid")) { request, context in try await detail(request, context).withoutBody() }
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
