import Foundation
import Hummingbird

/// A request's query string, validated like input: a parameter the operation does not declare is a 400
/// (`unknown-parameters`, as Open Zaak answers), a declared one with a bad value a 400 naming it.
public struct QueryParameters: Sendable {
    let values: [String: [String]]

    public init(_ request: Request) {
        var values: [String: [String]] = [:]
        for (name, value) in request.uri.queryParameters {
            values[String(name), default: []].append(String(value))
        }
        self.values = values
    }

    /// Throws 400 when a parameter is not among `allowed`.
    public func requireOnly(_ allowed: Set<String>) throws(ZGWError) {
        let unknown = values.keys.filter { !allowed.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw .validation([
                InvalidParam(name: "nonFieldErrors", code: "unknown-parameters", reason: "Onbekende query parameters: \(unknown.joined(separator: ", "))")
            ])
        }
        // PostgreSQL text cannot hold NUL, and no filter value needs one.
        if let name = values.first(where: { $0.value.contains { $0.contains("\u{0}") } })?.key {
            throw .validation([InvalidParam(name: name, code: "invalid", reason: "NUL-tekens zijn niet toegestaan.")])
        }
    }

    /// The value of a single-valued parameter (the last one when repeated).
    public func string(_ name: String) -> String? {
        values[name]?.last
    }

    /// The comma-separated values of an `__in` parameter.
    public func list(_ name: String) -> [String]? {
        guard let value = string(name) else { return nil }
        return value.split(separator: ",", omittingEmptySubsequences: true).map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    /// A positive integer parameter; throws 400 naming it when it is not one.
    public func positiveInteger(_ name: String) throws(ZGWError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), value >= 1 else {
            throw .validation([InvalidParam(name: name, code: "invalid", reason: "Voer een geheel getal groter dan 0 in.")])
        }
        return value
    }
}
