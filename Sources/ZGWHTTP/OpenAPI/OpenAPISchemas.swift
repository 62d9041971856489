import Domain

/// OpenAPI schemas from the server's own tables: the object schemas of an API's `SchemaCatalog` (what bodies are
/// validated with), the forms drf-spectacular names after them (`ZaakRequest`, `PatchedZaakRequest`,
/// `PaginatedZaakList`) and the problem bodies `ProblemDetails` serves.
struct OpenAPISchemas {
    let catalog: SchemaCatalog
    private(set) var named: [(String, OpenAPINode)] = []
    /// Names the bodies refer to that the tables lack (each is served as a bare object; a test keeps this empty).
    private(set) var missing: [String] = []
    private var pending: [String] = []

    init(catalog: SchemaCatalog) {
        self.catalog = catalog
    }

    static func reference(_ name: String) -> OpenAPINode {
        .object([("$ref", .string("#/components/schemas/\(name)"))])
    }

    /// The schema of a body, adding the component schemas it names.
    mutating func body(_ reference: SchemaReference) -> OpenAPINode {
        switch reference {
        case .array(let base):
            require(base)
            return .object([("type", .string("array")), ("items", Self.reference(base))])
        case .plain(let base, let name) where base == name:
            require(base)
        case .plain(let base, let name) where name.hasPrefix("Expand"):
            require(base)
            add(name) { _ in Self.expanded(base) }
        case .plain(let base, let name):
            add(name) { $0.objectNode(base, readOnly: true, required: true) }
        case .request(let base, let name):
            add(name) { $0.objectNode(base, readOnly: false, required: true) }
        case .patch(let base, let name):
            // `PatchedZaakRequest` is the request form; an API without request forms (`PatchedAbonnement`) keeps all.
            add(name) { $0.objectNode(base, readOnly: !name.hasSuffix("Request"), required: false) }
        case .page(let base, let name):
            require(base)
            add(name) { _ in Self.page(of: base) }
        }
        return Self.reference(reference.named)
    }

    /// Adds `name` (an object schema of the catalog or a problem body) and every schema it names.
    mutating func require(_ name: String) {
        add(name) { schemas in
            if let problem = ProblemDetails.schemas[name] {
                if name == "ValidatieFout" { schemas.require("FieldValidationError") }
                return problem
            }
            return schemas.objectNode(name, readOnly: true, required: true)
        }
    }

    private mutating func add(_ name: String, _ make: (inout OpenAPISchemas) -> OpenAPINode) {
        guard !named.contains(where: { $0.0 == name }), !pending.contains(name) else { return }
        pending.append(name)
        let node = make(&self)
        named.append((name, node))
    }

    /// An object schema; without its read-only properties when `readOnly` is false (a request body), with nothing
    /// required when `required` is false (a PATCH).
    private mutating func objectNode(_ name: String, readOnly: Bool, required: Bool) -> OpenAPINode {
        guard let schema = catalog.schemas[name] else {
            missing.append(name)
            return .object([("type", .string("object"))])
        }
        var properties: [(String, OpenAPINode)] = []
        for property in schema.properties where readOnly || !property.readOnly {
            properties.append((property.name, self.property(property)))
        }
        var members: [(String, OpenAPINode)] = [("type", .string("object"))]
        let names = Set(properties.map(\.0))
        let requiredNames = schema.required.filter(names.contains).sorted()
        if required, !requiredNames.isEmpty {
            members.append(("required", .array(requiredNames.map { .string($0) })))
        }
        members.append(("properties", .object(properties)))
        if let discriminator = catalog.discriminators[name] {
            for case let target? in discriminator.schemas.values { require(target) }
        }
        return .object(members)
    }

    private mutating func property(_ property: SchemaProperty) -> OpenAPINode {
        var node = self.node(property.node)
        guard case .object(var members) = node else { return node }
        if property.nullable {
            if members.first?.0 == "$ref" { members = [("allOf", .array([node]))] }
            members.append(("nullable", .bool(true)))
        }
        if property.readOnly { members.append(("readOnly", .bool(true))) }
        if property.writeOnly { members.append(("writeOnly", .bool(true))) }
        node = .object(members)
        return node
    }

    /// The OpenAPI schema of one node of the tables.
    mutating func node(_ node: SchemaNode) -> OpenAPINode {
        switch node {
        case .text(let rule):
            var members: [(String, OpenAPINode)] = [("type", .string("string"))]
            if let choices = rule.choices { members.append(("enum", .array(choices.map { .string($0) }))) }
            if let format = rule.format, let name = Self.formats[format] { members.append(("format", .string(name))) }
            if let maxLength = rule.maxLength { members.append(("maxLength", .integer(maxLength))) }
            if let minLength = rule.minLength { members.append(("minLength", .integer(minLength))) }
            if let pattern = rule.pattern { members.append(("pattern", .string(pattern))) }
            return .object(members)
        case .whole(let minimum, let maximum):
            var members: [(String, OpenAPINode)] = [("type", .string("integer"))]
            if let minimum { members.append(("minimum", .integer(minimum))) }
            if let maximum { members.append(("maximum", .integer(maximum))) }
            return .object(members)
        case .number:
            return .object([("type", .string("number"))])
        case .boolean:
            return .object([("type", .string("boolean"))])
        case .any:
            return .object([])
        case .geometry:
            return .object([("type", .string("object")), ("description", .string("Een GeoJSON-geometrie (RFC 7946)."))])
        case .object(let name):
            require(name)
            return Self.reference(name)
        case .array(let item):
            return .object([("type", .string("array")), ("items", self.node(item))])
        }
    }

    static let formats: [StringFormat: String] = [
        .date: "date", .dateTime: "date-time", .uri: "uri", .uuid: "uuid", .duration: "duration", .email: "email",
        .byte: "byte", .binary: "binary", .decimal: "decimal",
    ]

    /// A resource with the `_expand` member the `expand` parameter adds (the expanded resources by field name).
    static func expanded(_ base: String) -> OpenAPINode {
        .object([("allOf", .array([
            reference(base),
            .object([("type", .string("object")), ("properties", .object([
                ("_expand", .object([
                    ("type", .string("object")), ("description", .string("De gerelateerde resources die de `expand`-parameter vraagt, per veldnaam.")),
                ])),
            ]))]),
        ]))])
    }

    /// A page of a list, as every list of the APIs answers it.
    static func page(of base: String) -> OpenAPINode {
        let link: OpenAPINode = .object([("type", .string("string")), ("nullable", .bool(true)), ("format", .string("uri"))])
        return .object([
            ("type", .string("object")), ("required", .array([.string("count"), .string("results")])),
            ("properties", .object([
                ("count", .object([("type", .string("integer"))])), ("next", link), ("previous", link),
                ("results", .object([("type", .string("array")), ("items", reference(base))])),
            ])),
        ])
    }
}

extension SchemaReference {
    /// The name of the component schema.
    var named: String {
        switch self {
        case .plain(_, let name), .request(_, let name), .patch(_, let name), .page(_, let name): name
        case .array(let base): base
        }
    }
}
