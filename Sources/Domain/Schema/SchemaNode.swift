/// The shape of one JSON value as an OpenAPI spec describes it: enough to validate request bodies and to
/// give absent fields the value the API returns for them. The tables are generated from the official specs
/// (`scripts/generate-schemas.py`).
public indirect enum SchemaNode: Sendable {
    case text(StringRule)
    case whole(minimum: Int?, maximum: Int?)
    case number
    case boolean
    /// Any JSON (free-form objects such as `overigeData`).
    case any
    /// A GeoJSON geometry, checked by `GeoJSONGeometry`.
    case geometry
    /// A named object schema of the same catalog.
    case object(String)
    case array(SchemaNode)

    public static func string(
        format: StringFormat? = nil, maxLength: Int? = nil, minLength: Int? = nil, pattern: String? = nil
    ) -> SchemaNode {
        .text(StringRule(format: format, maxLength: maxLength, minLength: minLength, pattern: pattern))
    }

    public static func string(choices: [String]) -> SchemaNode {
        .text(StringRule(choices: choices))
    }

    public static func integer(minimum: Int? = nil, maximum: Int? = nil) -> SchemaNode {
        .whole(minimum: minimum, maximum: maximum)
    }
}

/// The constraints of a string value.
public struct StringRule: Sendable {
    public var format: StringFormat?
    public var maxLength: Int?
    public var minLength: Int?
    public var pattern: String?
    /// Allowed values (an enum); `""` among them when the field may be blank.
    public var choices: [String]?

    public init(format: StringFormat? = nil, maxLength: Int? = nil, minLength: Int? = nil, pattern: String? = nil, choices: [String]? = nil) {
        self.format = format
        self.maxLength = maxLength
        self.minLength = minLength
        self.pattern = pattern
        self.choices = choices
    }
}

/// The `format`s of string values the specs use.
public enum StringFormat: Sendable {
    case date, dateTime, uri, uuid, duration, email, byte, binary, decimal, none
}

/// One property of an object schema.
public struct SchemaProperty: Sendable {
    public let name: String
    public let node: SchemaNode
    public let nullable: Bool
    public let readOnly: Bool
    public let writeOnly: Bool

    public init(_ name: String, _ node: SchemaNode, nullable: Bool = false, readOnly: Bool = false, writeOnly: Bool = false) {
        self.name = name
        self.node = node
        self.nullable = nullable
        self.readOnly = readOnly
        self.writeOnly = writeOnly
    }
}

/// An object schema: its properties in the spec's order and the required ones.
public struct ObjectSchema: Sendable {
    public let properties: [SchemaProperty]
    public let required: Set<String>

    public init(properties: [SchemaProperty], required: Set<String>) {
        self.properties = properties
        self.required = required
    }

    public func property(_ name: String) -> SchemaProperty? {
        properties.first { $0.name == name }
    }
}

/// A polymorphic object: the value of `property` picks the schema of the nested object `field`
/// (`betrokkeneType` → `betrokkeneIdentificatie`); nil for values without one.
public struct Discriminator: Sendable {
    public let property: String
    public let field: String
    public let schemas: [String: String?]

    public init(property: String, field: String, schemas: [String: String?]) {
        self.property = property
        self.field = field
        self.schemas = schemas
    }
}

/// The object schemas of one API.
public struct SchemaCatalog: Sendable {
    public let schemas: [String: ObjectSchema]
    public let discriminators: [String: Discriminator]

    public init(schemas: [String: ObjectSchema], discriminators: [String: Discriminator]) {
        self.schemas = schemas
        self.discriminators = discriminators
    }

    public subscript(name: String) -> ObjectSchema {
        guard let schema = schemas[name] else { preconditionFailure("no schema \(name) in the catalog") }
        return schema
    }
}
