import Foundation

/// A plain-http webhook URL with its host replaced by the address the outbound policy checked, and the `Host`
/// header the subscriber expects. The connection then goes to that address: a name whose DNS answer changes
/// between the check and the connection (rebinding) cannot lead elsewhere. https keeps its name: TLS needs it
/// for the certificate, and a rebound name fails the certificate check.
public struct PinnedURL: Sendable, Equatable {
    public let url: String
    public let hostHeader: String

    /// Nil for anything but an http URL with a host.
    public init?(_ url: String, address: IPAddress) {
        guard var components = URLComponents(string: url), components.scheme?.lowercased() == "http", let host = components.host, !host.isEmpty
        else { return nil }
        let literal: String
        switch address {
        case .v4: literal = address.description
        case .v6: literal = "[\(address.description)]"
        }
        hostHeader = components.port.map { "\(host):\($0)" } ?? host
        components.percentEncodedHost = literal
        guard let pinned = components.string else { return nil }
        self.url = pinned
    }
}
