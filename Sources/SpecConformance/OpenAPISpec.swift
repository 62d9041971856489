import Foundation
import Synchronization
import Yams

/// One of the official OpenAPI specs in `../shared/specs/` (beside the repository), loaded once per process.
/// `validate` checks a decoded JSON body against one of its component schemas, so tests notice any drift of our
/// responses from the contract.
public struct OpenAPISpec: @unchecked Sendable {
    // The parsed YAML is immutable after loading; it is only read.
    let schemas: [String: Any]

    /// `../shared` next to the repository root (CI lays the same folder beside its clone).
    public static var sharedFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The folder of the specs: `../shared/specs`.
    public static var specsFolder: URL { sharedFolder.appendingPathComponent("specs") }

    private static let cache = Mutex<[String: OpenAPISpec]>([:])

    /// Loads `name` (e.g. `catalogi-1.3.1.yaml`).
    public static func named(_ name: String) throws -> OpenAPISpec {
        if let cached = cache.withLock({ $0[name] }) { return cached }
        let text = try String(contentsOf: specsFolder.appendingPathComponent(name), encoding: .utf8)
        guard let document = try Yams.load(yaml: text) as? [String: Any],
            let components = document["components"] as? [String: Any], let schemas = components["schemas"] as? [String: Any]
        else { throw SpecError(message: "\(name) has no components.schemas") }
        let spec = OpenAPISpec(schemas: schemas)
        cache.withLock { $0[name] = spec }
        return spec
    }

    /// The violations of `json` (as `JSONSerialization` decodes it) against component schema `schema`; empty when it
    /// conforms.
    public func validate(_ json: Any, schema: String) -> [String] {
        var violations: [String] = []
        check(json, against: ["$ref": "#/components/schemas/\(schema)"], path: "$", into: &violations)
        return violations
    }

    /// Validates a raw JSON body.
    public func validate(jsonData: Data, schema: String) -> [String] {
        guard let json = try? JSONSerialization.jsonObject(with: jsonData, options: [.fragmentsAllowed]) else { return ["$: not JSON"] }
        return validate(json, schema: schema)
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String, reference.hasPrefix("#/components/schemas/") else { return schema }
        return schemas[String(reference.dropFirst("#/components/schemas/".count))] as? [String: Any] ?? [:]
    }

    private func check(_ value: Any, against raw: [String: Any], path: String, into violations: inout [String]) {
        let schema = resolve(raw)
        if value is NSNull {
            if schema["nullable"] as? Bool != true, !(schema["allOf"] != nil || schema["oneOf"] != nil) {
                violations.append("\(path): null, but not nullable")
            }
            if schema["nullable"] as? Bool == true { return }
        }
        if let all = schema["allOf"] as? [[String: Any]] {
            if value is NSNull, schema["nullable"] as? Bool == true { return }
            for part in all { check(value, against: part, path: path, into: &violations) }
        }
        if let one = schema["oneOf"] as? [[String: Any]] {
            checkOneOf(value, one, discriminator: schema["discriminator"] as? [String: Any], path: path, into: &violations)
        }
        if let choices = schema["enum"] as? [Any], !(value is NSNull) {
            let allowed = choices.map { "\($0)" }
            if !allowed.contains("\(value)") { violations.append("\(path): \(value) not in enum \(allowed)") }
        }
        guard let type = schema["type"] as? String, !(value is NSNull) else { return }
        switch type {
        case "object":
            guard let object = value as? [String: Any] else { return violations.append("\(path): expected an object") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            // Responses are checked: a writeOnly property (Abonnement.auth) is never in one, required or not.
            for name in schema["required"] as? [String] ?? [] where object[name] == nil
                && (properties[name] as? [String: Any])?["writeOnly"] as? Bool != true
            {
                violations.append("\(path).\(name): required, missing")
            }
            for (name, propertyValue) in object {
                if let property = properties[name] as? [String: Any] {
                    check(propertyValue, against: property, path: "\(path).\(name)", into: &violations)
                }
            }
        case "array":
            guard let array = value as? [Any] else { return violations.append("\(path): expected an array") }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { check(item, against: items, path: "\(path)[\(index)]", into: &violations) }
            }
        case "string":
            guard let string = value as? String else { return violations.append("\(path): expected a string, got \(value)") }
            checkString(string, schema: schema, path: path, into: &violations)
        case "integer":
            guard let number = value as? NSNumber, !Self.isBool(number), number.doubleValue.rounded() == number.doubleValue else {
                return violations.append("\(path): expected an integer, got \(value)")
            }
        case "number":
            guard let number = value as? NSNumber, !Self.isBool(number) else { return violations.append("\(path): expected a number, got \(value)") }
        case "boolean":
            guard let number = value as? NSNumber, Self.isBool(number) else { return violations.append("\(path): expected a boolean, got \(value)") }
        default:
            break
        }
    }

    private func checkOneOf(_ value: Any, _ options: [[String: Any]], discriminator: [String: Any]?, path: String, into violations: inout [String]) {
        if let property = discriminator?["propertyName"] as? String, let object = value as? [String: Any],
            let tag = object[property] as? String, let mapping = discriminator?["mapping"] as? [String: String], let target = mapping[tag]
        {
            return check(value, against: ["$ref": target], path: path, into: &violations)
        }
        for option in options {
            var attempt: [String] = []
            check(value, against: option, path: path, into: &attempt)
            if attempt.isEmpty { return }
        }
        violations.append("\(path): matches none of oneOf")
    }

    private func checkString(_ string: String, schema: [String: Any], path: String, into violations: inout [String]) {
        if let maximum = schema["maxLength"] as? Int, string.count > maximum { violations.append("\(path): longer than \(maximum)") }
        if let minimum = schema["minLength"] as? Int, string.count < minimum { violations.append("\(path): shorter than \(minimum)") }
        switch schema["format"] as? String {
        case "uri":
            if !string.isEmpty, URL(string: string)?.scheme == nil { violations.append("\(path): not a URI: \(string)") }
        case "date":
            if string.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil { violations.append("\(path): not a date: \(string)") }
        case "date-time":
            if string.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"#, options: .regularExpression) == nil {
                violations.append("\(path): not a date-time: \(string)")
            }
        case "uuid":
            if UUID(uuidString: string) == nil { violations.append("\(path): not a uuid: \(string)") }
        default:
            break
        }
    }

    static func isBool(_ number: NSNumber) -> Bool {
        // Foundation on Linux decodes JSON true/false as NSNumber holding a Bool.
        String(cString: number.objCType) == "c" || type(of: number) == type(of: NSNumber(value: true))
    }
}

public struct SpecError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
