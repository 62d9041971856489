import Foundation
import Yams

/// A whole YAML (or JSON) document as Foundation values: an official spec of `../shared/specs/`, or a document a
/// server serves, for tests that compare their paths, operations and parameters.
public enum YAMLDocument {
    public static func parse(_ text: String) throws -> [String: Any] {
        guard let document = try Yams.load(yaml: text) as? [String: Any] else {
            throw SpecError(message: "not a YAML mapping")
        }
        return document
    }

    /// One of the official specs (e.g. `zaken-1.5.1.yaml`).
    public static func spec(_ name: String) throws -> [String: Any] {
        try parse(String(contentsOf: OpenAPISpec.specsFolder.appendingPathComponent(name), encoding: .utf8))
    }
}
