import Domain
import EventStore
import Foundation
import Hummingbird
import PostgresNIO
import Projections
import ZGWHTTP

/// Reads of `/autorisaties/api/v1/applicaties` (scope `autorisaties.lezen`): the paginated list (filter
/// `clientIds`, any of a comma list), one by uuid, and `consumer?clientId=`. Rendered from `auth.applicaties`.
public struct ApplicatiesQueryController: Sendable {
    let client: PostgresClient
    let baseURL: String
    let logger: Logger

    public init(client: PostgresClient, baseURL: String, logger: Logger) {
        self.client = client
        self.baseURL = baseURL
        self.logger = logger
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("applicaties") { request, context in try await self.list(request, context: context) }
        group.get("applicaties/consumer") { request, context in try await self.consumer(request, context: context) }
        group.get("applicaties/:uuid") { request, context in try await self.detail(request, context: context) }
    }

    static let columns = "uuid, client_ids, label, heeft_alle_autorisaties, autorisaties::text"

    func list(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("autorisaties.lezen"), component: .ac)
        let query = QueryParameters(request)
        try query.requireOnly(PageRequest.parameterNames.union(["clientIds"]))
        let page = try PageRequest(query)
        var filter = SQLFilter()
        filter.add(query.list("clientIds")) { "client_ids && \($0)" }
        let count = try await client.query(
            PostgresQuery(unsafeSQL: "SELECT count(*) FROM auth.applicaties\(filter.whereClause)", binds: filter.bindings), logger: logger
        ).collect().first?.decode(Int64.self) ?? 0
        var binds = filter.bindings
        binds.append(Int64(page.size))
        binds.append(Int64(page.offset))
        let applicaties = try await rows(
            "SELECT \(Self.columns) FROM auth.applicaties\(filter.whereClause) ORDER BY created_position LIMIT $\(binds.count - 1) OFFSET $\(binds.count)", binds)
        let body = try page.render(count: Int(count), results: try applicaties.map(json), request: request, baseURL: baseURL)
        return JSONResponse.make(ResourceURL.render(body, baseURL: baseURL))
    }

    func detail(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("autorisaties.lezen"), component: .ac)
        try QueryParameters(request).requireOnly([])
        guard let uuid = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let binds = PostgresBindings.of(uuid)
        guard let applicatie = try await rows("SELECT \(Self.columns) FROM auth.applicaties WHERE uuid = $1", binds).first else { throw ZGWError.notFound() }
        return JSONResponse.make(ResourceURL.render(try json(applicatie), baseURL: baseURL))
    }

    func consumer(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("autorisaties.lezen"), component: .ac)
        let query = QueryParameters(request)
        try query.requireOnly(["clientId"])
        guard let clientID = query.string("clientId"), !clientID.isEmpty else {
            throw ZGWError.validation([InvalidParam(name: "clientId", code: "required", reason: "Dit veld is vereist.")])
        }
        let binds = PostgresBindings.of([clientID])
        guard let applicatie = try await rows("SELECT \(Self.columns) FROM auth.applicaties WHERE client_ids && $1", binds).first else {
            throw ZGWError.notFound()
        }
        return JSONResponse.make(ResourceURL.render(try json(applicatie), baseURL: baseURL))
    }

    func rows(_ sql: String, _ binds: PostgresBindings) async throws -> [Applicatie] {
        var result: [Applicatie] = []
        for try await (uuid, clientIDs, label, all, autorisaties) in try await client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            .decode((UUID, [String], String, Bool, String).self)
        {
            result.append(Applicatie(
                uuid: uuid, clientIds: clientIDs, label: label, heeftAlleAutorisaties: all,
                autorisaties: try JSONCoding.decoder.decode([Autorisatie].self, from: Data(autorisaties.utf8))))
        }
        return result
    }

    func json(_ applicatie: Applicatie) throws -> String {
        String(decoding: try JSONCoding.encoder.encode(ApplicatieRepresentation(applicatie)), as: UTF8.self)
    }
}
