import Domain
import ZGWHTTP

/// The writable fields of one catalogus type as a request sends them, parsed and validated per the spec.
protocol CatalogusTypeInput: Sendable {
    associatedtype Resource: CatalogusType
    /// The writable fields the request sent.
    var fields: Set<String> { get }
    /// Parses and validates; `partial` (PATCH) makes no field required.
    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> Self
    /// A new resource (POST) from a complete input.
    func makeNew() -> Resource
    /// `base` with every field the request sent.
    func apply(to base: Resource) -> Resource
}
