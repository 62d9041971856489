import Domain
import Foundation

/// Resolves URLs that point at our own resources to their uuid, in-process (no HTTP to ourselves).
public struct ResourceReference: Sendable {
    public let baseURL: String

    public init(baseURL: String) {
        self.baseURL = baseURL
    }

    /// The uuid in `<base><api root>/<collection>/<uuid>` (a trailing slash allowed); nil for any other URL.
    public func uuid(from url: String, api: ZGWAPI, collection: String) -> UUID? {
        let prefix = "\(baseURL)\(api.root)/\(collection)/"
        guard url.hasPrefix(prefix) else { return nil }
        var rest = url.dropFirst(prefix.count)
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        return UUID(uuidString: String(rest))
    }

    /// Like `uuid(from:api:collection:)`, recording `no_match` for the field when the URL is not one of ours.
    public func resolve(_ url: String?, api: ZGWAPI, collection: String, field: String, into errors: inout [FieldError]) -> UUID? {
        guard let url else { return nil }
        guard let uuid = uuid(from: url, api: api, collection: collection) else {
            errors.append(FieldError(name: field, code: "no_match", reason: "Ongeldige hyperlink - Geen URL match."))
            return nil
        }
        return uuid
    }
}
