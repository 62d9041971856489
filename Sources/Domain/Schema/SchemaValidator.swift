import Foundation

/// Checks request bodies against a `SchemaCatalog` the way Django REST framework does for Open Zaak: every
/// problem becomes a `FieldError` named by its dotted path, read-only fields and unknown keys are ignored, and
/// the result is the body normalised: on a full write (POST, PUT) every writable field, absent ones with the
/// value the API returns for "not set" (`""`, `null`, `[]`), on a partial write (PATCH) only those sent.
public struct SchemaValidator: Sendable {
    public let catalog: SchemaCatalog
    /// Our public base URL: URLs under it are stored relative (`ResourceURL.local`), so read models survive a
    /// change of host.
    public let baseURL: String?

    public init(_ catalog: SchemaCatalog, baseURL: String? = nil) {
        self.catalog = catalog
        self.baseURL = baseURL
    }

    public func writable(
        _ body: [String: JSONValue], schema name: String, partial: Bool, errors: inout [FieldError], prefix: String = ""
    ) -> [String: JSONValue] {
        let schema = catalog[name]
        var result: [String: JSONValue] = [:]
        for property in schema.properties where !property.readOnly {
            let path = prefix + property.name
            let required = schema.required.contains(property.name)
            if let value = body[property.name] {
                if let checked = check(value, property: property, required: required, path: path, errors: &errors) {
                    result[property.name] = checked
                }
            } else if !partial {
                if required {
                    errors.append(.required(path))
                } else {
                    result[property.name] = Self.emptyValue(of: property)
                }
            }
        }
        if let discriminator = catalog.discriminators[name], case .string(let kind)? = result[discriminator.property] {
            result[discriminator.field] = discriminated(body[discriminator.field], discriminator: discriminator, kind: kind, prefix: prefix, errors: &errors)
        }
        return result
    }

    /// The nested object a discriminator value selects (`betrokkeneIdentificatie` of a `medewerker`), or nil
    /// when that value has none.
    public func discriminated(
        _ value: JSONValue?, discriminator: Discriminator, kind: String, prefix: String, errors: inout [FieldError]
    ) -> JSONValue? {
        guard let schemaName = discriminator.schemas[kind] ?? nil else { return nil }
        let path = prefix + discriminator.field
        switch value {
        case nil, .null?:
            return .null
        case .object(let nested)?:
            return .object(writable(nested, schema: schemaName, partial: false, errors: &errors, prefix: path + "."))
        default:
            errors.append(FieldError(name: path, code: "invalid", reason: "Ongeldige data. Verwachtte een dictionary."))
            return nil
        }
    }

    /// The value the API shows for a writable field that was never set.
    public static func emptyValue(of property: SchemaProperty) -> JSONValue {
        if property.nullable { return .null }
        switch property.node {
        case .text: return .string("")
        case .array: return .array([])
        case .boolean: return .bool(false)
        default: return .null
        }
    }

    func check(_ value: JSONValue, property: SchemaProperty, required: Bool, path: String, errors: inout [FieldError]) -> JSONValue? {
        if value == .null {
            if property.nullable { return .null }
            errors.append(FieldError(name: path, code: "null", reason: "Dit veld mag niet leeg zijn."))
            return nil
        }
        return check(value, node: property.node, required: required, path: path, errors: &errors)
    }

    func check(_ value: JSONValue, node: SchemaNode, required: Bool, path: String, errors: inout [FieldError]) -> JSONValue? {
        let before = errors.count
        switch (node, value) {
        case (.text(let rule), .string(let text)):
            var normalised = StringChecks.check(text, rule: rule, required: required, path: path, errors: &errors)
            if rule.format == .uri, let baseURL, normalised.hasPrefix(baseURL + "/") {
                normalised = ResourceURL.local(String(normalised.dropFirst(baseURL.count)))
            }
            return errors.count == before ? .string(normalised) : nil
        case (.text, .number):
            // DRF's CharField takes a number as its decimal text (`20` is `"20"`), then checks it as any string.
            guard let text = value.scalarText else {
                errors.append(FieldError(name: path, code: "invalid", reason: "Geen geldige string."))
                return nil
            }
            return check(.string(text), node: node, required: required, path: path, errors: &errors)
        case (.text, _):
            errors.append(FieldError(name: path, code: "invalid", reason: "Geen geldige string."))
        case (.whole(let minimum, let maximum), .number(let number)):
            guard number.rounded() == number, abs(number) < 1e15 else {
                errors.append(FieldError(name: path, code: "invalid", reason: "Een geldig geheel getal is vereist."))
                return nil
            }
            if let minimum, number < Double(minimum) {
                errors.append(FieldError(name: path, code: "min_value", reason: "Zorg ervoor dat deze waarde groter of gelijk is aan \(minimum)."))
            }
            if let maximum, number > Double(maximum) {
                errors.append(FieldError(name: path, code: "max_value", reason: "Zorg ervoor dat deze waarde kleiner of gelijk is aan \(maximum)."))
            }
            return errors.count == before ? value : nil
        case (.whole, _), (.number, _):
            if case .number = value, case .number = node { return value }
            errors.append(FieldError(name: path, code: "invalid", reason: "Een geldig getal is vereist."))
        case (.boolean, .bool):
            return value
        case (.boolean, _):
            errors.append(FieldError(name: path, code: "invalid", reason: "Moet een geldige boolean zijn."))
        case (.any, _):
            return value
        case (.geometry, _):
            if let problem = GeoJSONGeometry.problem(in: value) {
                errors.append(FieldError(name: path, code: "invalid", reason: problem))
                return nil
            }
            return value
        case (.object(let name), .object(let nested)):
            let checked = writable(nested, schema: name, partial: false, errors: &errors, prefix: path + ".")
            return errors.count == before ? .object(checked) : nil
        case (.object, _):
            errors.append(FieldError(name: path, code: "invalid", reason: "Ongeldige data. Verwachtte een dictionary."))
        case (.array(let item), .array(let items)):
            var checked: [JSONValue] = []
            for (index, element) in items.enumerated() {
                if element == .null {
                    errors.append(FieldError(name: "\(path).\(index)", code: "null", reason: "Dit veld mag niet leeg zijn."))
                } else if let value = check(element, node: item, required: true, path: "\(path).\(index)", errors: &errors) {
                    checked.append(value)
                }
            }
            return errors.count == before ? .array(checked) : nil
        case (.array, _):
            errors.append(FieldError(name: path, code: "not_a_list", reason: "Verwachtte een lijst met items, maar kreeg een ander type."))
        }
        return nil
    }
}
