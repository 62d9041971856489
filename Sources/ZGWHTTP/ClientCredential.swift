import Domain

/// What the server knows of a `client_id`: its JWT secret and, if any, its applicatie.
public struct ClientCredential: Sendable, Equatable {
    public let clientID: String
    public let secret: String
    public let applicatie: Applicatie?

    public init(clientID: String, secret: String, applicatie: Applicatie?) {
        self.clientID = clientID
        self.secret = secret
        self.applicatie = applicatie
    }
}
