import Domain
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Applies an `OutboundPolicy` before the server sends a request to a URL a client gave: resources of other
/// services go to named hosts only; a webhook's host is resolved here and refused unless all its addresses
/// are public. A refusal costs no connection attempt.
public struct OutboundGuard: Sendable {
    public let policy: OutboundPolicy

    public init(policy: OutboundPolicy) {
        self.policy = policy
    }

    /// Nil when the resource at `url` may be fetched.
    public func refusalForResource(_ url: String) -> OutboundPolicy.Refusal? {
        policy.refusalForResource(url)
    }

    /// Where a webhook may be POSTed: refused, or allowed (its host named, or every address it resolves to
    /// public), with the http URL pinned to the address checked. Redirects are never followed for webhooks.
    public func callbackTarget(_ url: String) async -> Result<PinnedURL?, OutboundPolicy.Refusal> {
        if let refusal = policy.refusalForCallback(url) { return .failure(refusal) }
        guard let host = policy.hostToResolve(forCallback: url) else { return .success(nil) }
        let addresses = await Self.addresses(of: host)
        if let refusal = policy.refusal(host: host, addresses: addresses) { return .failure(refusal) }
        return .success(addresses.first.flatMap { PinnedURL(url, address: $0) })
    }

    /// Every address `host` resolves to (a literal resolves to itself), off the cooperative pool: getaddrinfo blocks.
    public static func addresses(of host: String) async -> [IPAddress] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: resolve(host)) }
        }
    }

    static func resolve(_ host: String) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let socketAddress = current.pointee.ai_addr {
                switch current.pointee.ai_family {
                case AF_INET:
                    socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                        var raw = pointer.pointee.sin_addr
                        let bytes = withUnsafeBytes(of: &raw) { Array($0) }
                        if let address = IPAddress(bytes: bytes) { addresses.append(address) }
                    }
                case AF_INET6:
                    socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                        var raw = pointer.pointee.sin6_addr
                        let bytes = withUnsafeBytes(of: &raw) { Array($0) }
                        if let address = IPAddress(bytes: bytes) { addresses.append(address) }
                    }
                default: break
                }
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }
}
