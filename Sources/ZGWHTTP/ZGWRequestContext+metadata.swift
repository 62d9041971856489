import EventStore
import Hummingbird

extension ZGWRequestContext {
    /// What the events of this request record about who made it and why.
    public func eventMetadata(_ request: Request, actie: String) -> EventMetadata {
        EventMetadata(
            clientID: client?.clientID, applicatieLabel: client?.applicatie?.label, userID: client?.userID,
            userRepresentation: client?.userRepresentation, requestID: requestID,
            toelichting: request.headers[.auditToelichting], method: request.method.rawValue, actie: actie)
    }
}
