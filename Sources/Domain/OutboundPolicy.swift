import Foundation

/// Where the server may send the requests that URLs from clients make it send.
///
/// - Resources of other services (a zaaktype elsewhere, a document, a communicatiekanaal, the Selectielijst) are
///   fetched from the hosts the operator named only: the Selectielijst API's, the API roots of the external
///   services, the external Notificaties API's and `ZAAKSTROOM_OUTBOUND_HOSTS`. Our own URLs never get here:
///   they resolve in process.
/// - Webhooks (abonnement callbacks) may go to any host whose addresses are all public; loopback, private,
///   link-local and metadata addresses are refused unless the host is named.
///
/// Pure: the configuration layer builds it, the HTTP layer resolves names and asks it.
public struct OutboundPolicy: Sendable, Equatable {
    /// Lowercased host names and address literals (IPv6 without brackets).
    public let namedHosts: Set<String>
    /// Every host and address allowed: the unsafe opt-in `ZAAKSTROOM_OUTBOUND_HOSTS=*`, for development only.
    public let anyHost: Bool

    public init(namedHosts: some Sequence<String>, anyHost: Bool = false) {
        self.namedHosts = Set(namedHosts.map { Self.normalised($0) }.filter { !$0.isEmpty })
        self.anyHost = anyHost
    }

    /// Nothing named: only public webhooks.
    public static let none = OutboundPolicy(namedHosts: [])

    /// The policy for the configured services (their URLs' hosts) and the operator's list (`*` for any host).
    public static func configured(serviceURLs: [String], hosts: [String]) -> OutboundPolicy {
        let listed = hosts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return OutboundPolicy(namedHosts: serviceURLs.compactMap(host(of:)) + listed.filter { $0 != "*" }, anyHost: listed.contains("*"))
    }

    /// Why a URL is refused; `reason` is what the client reads.
    public enum Refusal: Error, Sendable, Equatable {
        case notHTTP
        case hostNotNamed(String)
        case unresolvable(String)
        case notPublic(host: String, address: String)

        public var reason: String {
            switch self {
            case .notHTTP: "Alleen http- en https-URL's worden opgevraagd."
            case .hostNotNamed(let host): "De server mag \(host) niet aanroepen: de host staat niet in ZAAKSTROOM_OUTBOUND_HOSTS en is geen geconfigureerde dienst."
            case .unresolvable(let host): "De host \(host) is niet te vinden."
            case .notPublic(let host, let address):
                "De server roept \(host) niet aan: het adres \(address) is geen publiek adres (loopback, privé, link-local of metadata)."
            }
        }
    }

    /// The host of an http(s) URL, lowercased, without brackets; nil for other URLs.
    public static func host(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        return normalised(host)
    }

    static func normalised(_ host: String) -> String {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        while host.hasSuffix(".") { host.removeLast() }
        return host
    }

    /// Fetching a resource of another service: its host must be named.
    public func refusalForResource(_ url: String) -> Refusal? {
        guard let host = Self.host(of: url) else { return .notHTTP }
        return anyHost || namedHosts.contains(host) ? nil : .hostNotNamed(host)
    }

    /// A webhook before its host is resolved: refused at once when it is not http(s), or when its host is an
    /// address literal that is not public. Nil also when the host still needs resolving (`needsResolution`).
    public func refusalForCallback(_ url: String) -> Refusal? {
        guard let host = Self.host(of: url) else { return .notHTTP }
        if anyHost || namedHosts.contains(host) { return nil }
        if let address = IPAddress(ipv4: host), !address.isPublic { return .notPublic(host: host, address: address.description) }
        return nil
    }

    /// The host of a webhook URL whose addresses must be checked (nil when it is named, or any host is allowed).
    public func hostToResolve(forCallback url: String) -> String? {
        guard let host = Self.host(of: url), !anyHost, !namedHosts.contains(host) else { return nil }
        return host
    }

    /// A webhook host's resolved addresses: every one must be public (a name may resolve to several, and the
    /// connection may use any of them).
    public func refusal(host: String, addresses: [IPAddress]) -> Refusal? {
        guard !addresses.isEmpty else { return .unresolvable(host) }
        if let bad = addresses.first(where: { !$0.isPublic }) { return .notPublic(host: host, address: bad.description) }
        return nil
    }
}
