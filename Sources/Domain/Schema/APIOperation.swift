/// One operation an API serves, as the spec Open Zaak serves declares it: the tables are generated
/// (`scripts/generate-operations.py`) and the server's OpenAPI document is built from them.
public struct APIOperation: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case get, head, post, put, patch, delete
    }

    /// The path under the API root, with the spec's parameter names (`/zaken/{zaak_uuid}/besluiten/{uuid}`).
    public let path: String
    public let method: Method
    public let id: String
    public let tag: String
    public let summary: String
    public let parameters: [OperationParameter]
    public let body: SchemaReference?
    public let responses: [OperationResponse]
    /// The statuses answered with the standard's problem body (`ValidatieFout` for 400, `Fout` otherwise).
    public let errors: [Int]

    public init(
        _ path: String, _ method: Method, id: String, tag: String, summary: String, parameters: [OperationParameter],
        body: SchemaReference? = nil, responses: [OperationResponse], errors: [Int]
    ) {
        self.path = path
        self.method = method
        self.id = id
        self.tag = tag
        self.summary = summary
        self.parameters = parameters
        self.body = body
        self.responses = responses
        self.errors = errors
    }
}

/// A path, query or header parameter of an operation.
public struct OperationParameter: Sendable {
    public enum Location: String, Sendable {
        case path, query, header
    }

    public let name: String
    public let location: Location
    public let node: SchemaNode
    public let required: Bool

    public static func path(_ name: String, _ node: SchemaNode) -> Self {
        Self(name: name, location: .path, node: node, required: true)
    }

    public static func query(_ name: String, _ node: SchemaNode, required: Bool = false) -> Self {
        Self(name: name, location: .query, node: node, required: required)
    }

    public static func header(_ name: String, _ node: SchemaNode, required: Bool = false) -> Self {
        Self(name: name, location: .header, node: node, required: required)
    }
}

/// A successful response of an operation and its body, if any.
public struct OperationResponse: Sendable {
    public let status: String
    public let description: String
    public let body: SchemaReference?

    public init(_ status: String, _ description: String, body: SchemaReference? = nil) {
        self.status = status
        self.description = description
        self.body = body
    }
}

/// A body schema, named as the spec names it, derived from one object schema of the API's `SchemaCatalog`.
public enum SchemaReference: Sendable {
    /// The schema itself.
    case plain(String, named: String)
    /// What a client writes: the schema without its read-only properties.
    case request(String, named: String)
    /// A partial update: the request form with nothing required.
    case patch(String, named: String)
    /// A page of a list: `count`, `next`, `previous`, `results`.
    case page(String, named: String)
    /// A plain JSON array of the schema.
    case array(String)

    /// The object schema it is derived from.
    public var base: String {
        switch self {
        case .plain(let base, _), .request(let base, _), .patch(let base, _), .page(let base, _), .array(let base): base
        }
    }
}
