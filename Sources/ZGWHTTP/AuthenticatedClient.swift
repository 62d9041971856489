import Domain

/// Who makes a request: the verified JWT's claims and the applicatie its `client_id` belongs to.
public struct AuthenticatedClient: Sendable, Equatable {
    public let clientID: String
    public let userID: String
    public let userRepresentation: String
    /// Nil when the client has a secret but no applicatie yet: it is authenticated, but may do nothing.
    public let applicatie: Applicatie?

    public init(clientID: String, userID: String, userRepresentation: String, applicatie: Applicatie?) {
        self.clientID = clientID
        self.userID = userID
        self.userRepresentation = userRepresentation
        self.applicatie = applicatie
    }

    /// True when the applicatie has every autorisatie.
    public var hasAllAutorisaties: Bool { applicatie?.heeftAlleAutorisaties ?? false }

    /// The scopes granted for one component (all of them when `heeftAlleAutorisaties`).
    public func scopes(for component: Component) -> Set<String> {
        guard let applicatie else { return [] }
        return Set(applicatie.autorisaties.filter { $0.component == component }.flatMap(\.scopes))
    }
}
