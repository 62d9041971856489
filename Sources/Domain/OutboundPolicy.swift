import Foundation

/// Which hosts the server may call: the URLs clients send (documents, zaaktypen elsewhere, webhooks) make it
/// fetch or POST, so an operator can confine that to known hosts. `ZAAKSTROOM_OUTBOUND_HOSTS` is a comma list
/// of host names (e.g. `127.0.0.1,localhost` for tests, or the municipality's own services); unset means any.
public enum OutboundPolicy {
    public static let allowedHosts: Set<String>? = {
        guard let list = ProcessInfo.processInfo.environment["ZAAKSTROOM_OUTBOUND_HOSTS"], !list.isEmpty else { return nil }
        return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }()

    /// True when a request to `url` is allowed.
    public static func allows(_ url: String) -> Bool {
        guard let allowedHosts else { return true }
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        return allowedHosts.contains(host)
    }
}
