/// Who caused an event and how: what ZGW audit trails and auditors need. Stored as jsonb next to the payload
/// and covered by the hash chain.
public struct EventMetadata: Codable, Sendable, Equatable {
    /// The JWT `client_id` of the applicatie that made the request (`applicatieId` in audit trails).
    public var clientID: String?
    /// The applicatie's label at the time (`applicatieWeergave`).
    public var applicatieLabel: String?
    /// The JWT `user_id` claim (`gebruikersId`).
    public var userID: String?
    /// The JWT `user_representation` claim (`gebruikersWeergave`).
    public var userRepresentation: String?
    /// The request id, to join the log with access logs.
    public var requestID: String?
    /// The `X-Audit-Toelichting` header (`toelichting`).
    public var toelichting: String?
    /// The HTTP method, or `cli` for operator commands.
    public var method: String?
    /// The action in ZGW terms: create, update, partial_update, destroy.
    public var actie: String?

    public init(
        clientID: String? = nil, applicatieLabel: String? = nil, userID: String? = nil, userRepresentation: String? = nil,
        requestID: String? = nil, toelichting: String? = nil, method: String? = nil, actie: String? = nil
    ) {
        self.clientID = clientID
        self.applicatieLabel = applicatieLabel
        self.userID = userID
        self.userRepresentation = userRepresentation
        self.requestID = requestID
        self.toelichting = toelichting
        self.method = method
        self.actie = actie
    }

    enum CodingKeys: String, CodingKey {
        case clientID = "clientId", applicatieLabel, userID = "userId", userRepresentation, requestID = "requestId", toelichting, method, actie
    }
}
