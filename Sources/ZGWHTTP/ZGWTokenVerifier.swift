import Crypto
import Foundation

/// Verifies ZGW JWTs: HS256 only, signed with the `client_id`'s secret, claims `iss`, `iat`, `client_id`,
/// `user_id`, `user_representation`. Like Open Zaak, the token is valid for `expiry` after `iat` (no `exp`
/// needed) with a small `leeway` for clock skew.
public struct ZGWTokenVerifier: Sendable {
    public var expiry: Duration
    public var leeway: Duration
    let verified = VerifiedTokens()

    public init(expiry: Duration = .seconds(3600), leeway: Duration = .seconds(30)) {
        self.expiry = expiry
        self.leeway = leeway
    }

    struct Header: Decodable {
        let alg: String?
    }

    struct Claims: Decodable {
        let iss: String?
        let iat: Double?
        let clientID: String?
        let userID: String?
        let userRepresentation: String?

        enum CodingKeys: String, CodingKey {
            case iss, iat, clientID = "client_id", userID = "user_id", userRepresentation = "user_representation"
        }
    }

    /// Checks `token` and returns the client it authenticates; throws 403 `not_authenticated` for a malformed,
    /// unsigned, wrongly signed or unknown-client token and 403 `jwt-expired` for an old one.
    public func verify(
        _ token: String, now: Date = Date(), credential: (String) -> ClientCredential?
    ) throws(ZGWError) -> AuthenticatedClient {
        if let known = verified.entry(for: token), let current = credential(known.clientID), current.secret == known.secret {
            try checkIssued(known.issuedAt, now: now)
            return AuthenticatedClient(
                clientID: known.clientID, userID: known.userID, userRepresentation: known.userRepresentation, applicatie: current.applicatie)
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.base64URLDecode(parts[0]), let claimsData = Self.base64URLDecode(parts[1]),
            let signature = Self.base64URLDecode(parts[2])
        else { throw .notAuthenticated("Het JWT is ongeldig.") }
        guard let header = try? JSONDecoder().decode(Header.self, from: headerData) else { throw .notAuthenticated("Het JWT is ongeldig.") }
        // Only HS256: `none` and every other algorithm are refused, whatever the token claims.
        guard header.alg == "HS256" else { throw .notAuthenticated("JWT-algoritme \(header.alg ?? "none") is niet toegestaan; gebruik HS256.") }
        guard let claims = try? JSONDecoder().decode(Claims.self, from: claimsData) else { throw .notAuthenticated("De JWT-claims zijn ongeldig.") }
        guard let clientID = claims.clientID ?? claims.iss, !clientID.isEmpty else {
            throw .notAuthenticated("Het JWT bevat geen client_id.")
        }
        guard let credential = credential(clientID) else { throw .notAuthenticated("Onbekende client_id.") }
        let key = SymmetricKey(data: Data(credential.secret.utf8))
        let signed = Data(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: key) else {
            throw .notAuthenticated("De JWT-handtekening is ongeldig.")
        }
        guard let iat = claims.iat else { throw .notAuthenticated("Het JWT bevat geen iat-claim.") }
        try checkIssued(iat, now: now)
        verified.remember(
            VerifiedTokens.Entry(
                clientID: clientID, userID: claims.userID ?? "", userRepresentation: claims.userRepresentation ?? "", issuedAt: iat,
                secret: credential.secret), for: token)
        return AuthenticatedClient(
            clientID: clientID, userID: claims.userID ?? "", userRepresentation: claims.userRepresentation ?? "",
            applicatie: credential.applicatie)
    }

    /// 403 `jwt-expired` after `expiry` (plus leeway) since `iat`; a token issued in the future is refused.
    func checkIssued(_ iat: Double, now: Date) throws(ZGWError) {
        let issued = Date(timeIntervalSince1970: iat)
        if now > issued.addingTimeInterval(Self.seconds(expiry) + Self.seconds(leeway)) { throw .jwtExpired() }
        if issued > now.addingTimeInterval(Self.seconds(leeway)) { throw .notAuthenticated("Het JWT is uitgegeven in de toekomst (iat).") }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }

    static func base64URLDecode(_ part: Substring) -> Data? {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text)
    }
}
