/// An IPv4 or IPv6 address as bytes, and whether it is a public unicast address: the test the server makes
/// before it calls a URL a client gave (a webhook), so that no client can make it reach loopback, the private
/// network or a cloud metadata service.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4(UInt8, UInt8, UInt8, UInt8)
    case v6([UInt8])

    /// From network-order bytes: 4 for IPv4, 16 for IPv6; nil otherwise.
    public init?(bytes: [UInt8]) {
        switch bytes.count {
        case 4: self = .v4(bytes[0], bytes[1], bytes[2], bytes[3])
        case 16: self = .v6(bytes)
        default: return nil
        }
    }

    /// A dotted-quad IPv4 literal (`169.254.169.254`); nil for anything else.
    public init?(ipv4 text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let bytes = parts.compactMap { $0.count <= 3 ? UInt8($0) : nil }
        guard bytes.count == 4 else { return nil }
        self = .v4(bytes[0], bytes[1], bytes[2], bytes[3])
    }

    public var description: String {
        switch self {
        case .v4(let a, let b, let c, let d): return "\(a).\(b).\(c).\(d)"
        case .v6(let bytes):
            return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
        }
    }

    /// False for loopback, private (RFC 1918, fc00::/7), shared (100.64/10), link-local (169.254/16 with the
    /// metadata address, fe80::/10), unspecified, multicast, reserved and documentation ranges, and for IPv6
    /// forms that embed such an IPv4 address (mapped, NAT64, 6to4).
    public var isPublic: Bool {
        switch self {
        case .v4(let a, let b, let c, _):
            switch a {
            case 0, 10, 127: return false
            case 100 where b & 0xC0 == 64: return false  // 100.64.0.0/10, carrier-grade NAT
            case 169 where b == 254: return false  // link-local, cloud metadata
            case 172 where b & 0xF0 == 16: return false  // 172.16.0.0/12
            case 192 where b == 168: return false
            case 192 where b == 0 && (c == 0 || c == 2): return false  // IETF protocol assignments, TEST-NET-1
            case 198 where b & 0xFE == 18: return false  // 198.18.0.0/15, benchmarking
            case 198 where b == 51 && c == 100, 203 where b == 0 && c == 113: return false  // TEST-NET-2/3
            case 224...255: return false  // multicast, reserved, broadcast
            default: return true
            }
        case .v6(let bytes):
            if bytes[0..<10].allSatisfy({ $0 == 0 }) {
                // ::, ::1, IPv4-compatible, and ::ffff:a.b.c.d (mapped): judged by their IPv4 part.
                if bytes[10] == 0xFF, bytes[11] == 0xFF { return IPAddress.v4(bytes[12], bytes[13], bytes[14], bytes[15]).isPublic }
                return false
            }
            if bytes[0] & 0xFE == 0xFC { return false }  // fc00::/7, unique local
            if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 { return false }  // fe80::/10, link-local
            if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0xC0 { return false }  // fec0::/10, old site-local
            if bytes[0] == 0xFF { return false }  // multicast
            if bytes[0] == 0x20, bytes[1] == 0x01, bytes[2] == 0x0D, bytes[3] == 0xB8 { return false }  // 2001:db8::/32, documentation
            if bytes[0] == 0x00, bytes[1] == 0x64, bytes[2] == 0xFF, bytes[3] == 0x9B {
                return IPAddress.v4(bytes[12], bytes[13], bytes[14], bytes[15]).isPublic  // 64:ff9b::/96, NAT64
            }
            if bytes[0] == 0x20, bytes[1] == 0x02 { return IPAddress.v4(bytes[2], bytes[3], bytes[4], bytes[5]).isPublic }  // 6to4
            return true
        }
    }
}
