import Domain

/// A route the router serves under an API root: its path with `{}` for every parameter, and its method.
public struct ServedRoute: Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let method: APIOperation.Method

    /// `path` relative to the API root, in Hummingbird's (`zaken/{uuid}`) or OpenAPI's (`/zaken/{zaak_uuid}`) form.
    public init(path: String, method: APIOperation.Method) {
        self.path = "/" + path.split(separator: "/").map { $0.hasPrefix("{") || $0.hasPrefix(":") ? "{}" : String($0) }.joined(separator: "/")
        self.method = method
    }

    public var description: String { "\(method.rawValue.uppercased()) \(path)" }
}

/// The OpenAPI 3.0 document of one API, built from its generated operation and schema tables and the routes the
/// router serves: an operation of the tables is documented when its route is served, and a served `HEAD` the
/// tables lack is documented as the headers of its `GET` (as drf-spectacular does). `info.version` is the
/// `API-version` the API answers with; `servers` is our public base URL.
public struct OpenAPIDocument: Sendable {
    public let api: ZGWAPI
    public let root: OpenAPINode
    /// Served routes no operation describes (the API root, the schema routes, our `x-` extensions).
    public let undocumented: [ServedRoute]
    /// Operations of the tables whose route is not served.
    public let unserved: [APIOperation]
    /// Schemas the operations name that the schema tables lack.
    public let missingSchemas: [String]

    public init(api: ZGWAPI, baseURL: String, served: Set<ServedRoute>) {
        self.api = api
        let table = api.operations
        let routes = Dictionary(table.map { (ServedRoute(path: $0.path, method: $0.method), $0) }, uniquingKeysWith: { first, _ in first })
        var schemas = OpenAPISchemas(catalog: api.schemas)
        var paths: [(String, OpenAPINode)] = []
        var documented: Set<ServedRoute> = []
        for operation in table where !paths.contains(where: { $0.0 == operation.path }) {
            var methods: [(String, OpenAPINode)] = []
            for method in APIOperation.Method.allCases {
                let route = ServedRoute(path: operation.path, method: method)
                guard served.contains(route) else { continue }
                if let described = routes[route] {
                    methods.append((method.rawValue, Self.node(described, schemas: &schemas)))
                } else if method == .head, let get = routes[ServedRoute(path: operation.path, method: .get)] {
                    methods.append((method.rawValue, Self.headNode(of: get, schemas: &schemas)))
                } else {
                    continue
                }
                documented.insert(route)
            }
            if !methods.isEmpty { paths.append((operation.path, .object(methods))) }
        }
        undocumented = served.subtracting(documented).sorted { $0.description < $1.description }
        missingSchemas = schemas.missing
        unserved = table.filter { !served.contains(ServedRoute(path: $0.path, method: $0.method)) }
        root = .object([
            ("openapi", .string("3.0.3")),
            ("info", .object([("title", .string(api.title)), ("version", .string(api.version))])),
            ("servers", .array([.object([("url", .string(baseURL + api.root))])])),
            ("security", .array([.object([("JWT-Claims", .array([]))])])),
            ("paths", .object(paths)),
            ("components", .object([
                ("securitySchemes", .object([
                    ("JWT-Claims", .object([("type", .string("http")), ("scheme", .string("bearer")), ("bearerFormat", .string("JWT"))]))
                ])),
                ("schemas", .object(schemas.named.sorted { $0.0 < $1.0 })),
            ])),
        ])
    }

    static func node(_ operation: APIOperation, schemas: inout OpenAPISchemas) -> OpenAPINode {
        var members: [(String, OpenAPINode)] = [
            ("operationId", .string(operation.id)), ("summary", .string(operation.summary)), ("tags", .array([.string(operation.tag)])),
        ]
        if !operation.parameters.isEmpty {
            members.append(("parameters", .array(operation.parameters.map { parameter($0, schemas: &schemas) })))
        }
        if let body = operation.body {
            let schema = schemas.body(body)
            members.append(("requestBody", .object([
                ("content", .object([("application/json", .object([("schema", schema)]))])), ("required", .bool(true)),
            ])))
        }
        var responses: [(String, OpenAPINode)] = operation.responses.map { response in
            var members: [(String, OpenAPINode)] = [("description", .string(response.description))]
            if let body = response.body {
                members.append(("content", .object([("application/json", .object([("schema", schemas.body(body))]))])))
            }
            return (response.status, .object(members))
        }
        for status in operation.errors {
            let problem = status == 400 ? "ValidatieFout" : "Fout"
            schemas.require(problem)
            responses.append((String(status), .object([
                ("description", .string(Self.errorDescriptions[status] ?? "Error")),
                ("content", .object([("application/problem+json", .object([("schema", OpenAPISchemas.reference(problem))]))])),
            ])))
        }
        members.append(("responses", .object(responses)))
        return .object(members)
    }

    static let errorDescriptions: [Int: String] = [
        400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed", 406: "Not acceptable",
        409: "Conflict", 410: "Gone", 412: "Precondition failed", 415: "Unsupported media type", 429: "Too many requests",
        500: "Internal server error",
    ]

    /// `HEAD` of a detail: the `GET`'s path and header parameters, the status without a body.
    static func headNode(of get: APIOperation, schemas: inout OpenAPISchemas) -> OpenAPINode {
        let identifier = get.id.hasSuffix("_read") ? String(get.id.dropLast("_read".count)) + "_head" : get.id + "_head"
        let parameters = get.parameters.filter { $0.location != .query }
        var members: [(String, OpenAPINode)] = [
            ("operationId", .string(identifier)), ("summary", .string("De headers van: \(get.summary)")), ("tags", .array([.string(get.tag)])),
        ]
        if !parameters.isEmpty { members.append(("parameters", .array(parameters.map { parameter($0, schemas: &schemas) }))) }
        members.append(("responses", .object([("200", .object([("description", .string("OK"))]))])))
        return .object(members)
    }

    static func parameter(_ parameter: OperationParameter, schemas: inout OpenAPISchemas) -> OpenAPINode {
        var members: [(String, OpenAPINode)] = [
            ("name", .string(parameter.name)), ("in", .string(parameter.location.rawValue)), ("required", .bool(parameter.required)),
            ("schema", schemas.node(parameter.node)),
        ]
        if parameter.location == .query, case .array = parameter.node {
            members += [("style", .string("form")), ("explode", .bool(false))]
        }
        return .object(members)
    }
}
