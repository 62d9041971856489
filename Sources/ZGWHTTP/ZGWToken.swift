import Crypto
import Foundation

/// Makes ZGW JWTs (HS256), as a client library would: for the CLI's "how to get a token" and for tests.
public enum ZGWToken {
    public static func make(
        clientID: String, secret: String, userID: String = "", userRepresentation: String = "", issuedAt: Date = Date()
    ) -> String {
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let claims: [String: Any] = [
            "iss": clientID, "iat": Int(issuedAt.timeIntervalSince1970), "client_id": clientID,
            "user_id": userID, "user_representation": userRepresentation,
        ]
        let claimsData = (try? JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])) ?? Data()
        let signingInput = base64URL(Data(header.utf8)) + "." + base64URL(claimsData)
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return signingInput + "." + base64URL(Data(signature))
    }

    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
