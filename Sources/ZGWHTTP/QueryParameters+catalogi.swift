import Domain
import Foundation

/// The `status` filter of catalogus types: concept, published, or both; `definitief` when not given.
public enum ConceptStatusFilter: String, CaseIterable, Sendable {
    case alles, concept, definitief

    /// The SQL condition on a `concept` column, nil for `alles`.
    public var condition: String? {
        switch self {
        case .alles: nil
        case .concept: "concept"
        case .definitief: "NOT concept"
        }
    }
}

extension QueryParameters {
    /// A date parameter (`YYYY-MM-DD`); 400 naming it when malformed.
    public func date(_ name: String) throws(ZGWError) -> ZGWDate? {
        guard let text = string(name) else { return nil }
        guard let date = ZGWDate(text) else {
            throw .validation([InvalidParam(name: name, code: "invalid", reason: "Voer een geldige datum in.")])
        }
        return date
    }

    /// One of an enum's raw values; 400 `invalid_choice` otherwise.
    public func choice<Value: RawRepresentable & CaseIterable>(_ name: String, _ type: Value.Type) throws(ZGWError) -> Value? where Value.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = Value(rawValue: text) else {
            throw .validation([InvalidParam(name: name, code: "invalid_choice", reason: "Selecteer een geldige keuze. \(text) is geen beschikbare keuze.")])
        }
        return value
    }

    /// A URL filter on one of our resources. `.some(uuid)` when it is ours, `.some(nil)` when it is a valid URL that
    /// cannot match anything here, nil when absent; 400 when it is no URL at all.
    public func reference(_ name: String, references: ResourceReference, api: ZGWAPI, collection: String) throws(ZGWError) -> UUID?? {
        guard let text = string(name) else { return nil }
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw .validation([InvalidParam(name: name, code: "invalid", reason: "Voer een geldige URL in.")])
        }
        return .some(references.uuid(from: text, api: api, collection: collection))
    }
}

extension QueryParameters {
    /// `true` or `false` (also `True`/`False`, `1`/`0`, as Django's filters take them); 400 otherwise.
    public func boolean(_ name: String) throws(ZGWError) -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .validation([InvalidParam(name: name, code: "invalid", reason: "Voer een geldige boolean in.")])
        }
    }
}

extension SQLFilter {
    /// `column = uuid` for a reference filter; a condition that matches nothing for a URL that is not ours.
    public mutating func reference(_ column: String, _ reference: UUID??) {
        guard let reference else { return }
        guard let uuid = reference else { return add("false") }
        add(uuid) { "\(column) = \($0)" }
    }

    /// Versions valid on `date`.
    public mutating func valid(on date: ZGWDate?, begin: String = "begin_geldigheid", einde: String = "einde_geldigheid") {
        add(date?.description) { "\(begin) <= \($0)::date AND (\(einde) IS NULL OR \(einde) >= \($0)::date)" }
    }

    /// Case-insensitive substring match, with LIKE's wildcards in the value taken literally.
    public mutating func contains(_ column: String, _ value: String?) {
        let escaped = value.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") }
        add(escaped) { "\(column) ILIKE '%' || \($0) || '%'" }
    }
}
