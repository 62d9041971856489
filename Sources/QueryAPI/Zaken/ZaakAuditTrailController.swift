import Domain
import EventStore
import Foundation
import Hummingbird
import PostgresNIO
import ZGWHTTP

/// `GET /zaken/{uuid}/audittrail[/{uuid}]`, served from the zaak's stream: every change of the zaak and of
/// everything under it, with who made it (the JWT's client and user), why (`X-Audit-Toelichting`), and the
/// resource before and after. Changes the API derived from another (the einddatum of a closing status) are
/// part of that change, not records of their own.
struct ZaakAuditTrailController: Sendable {
    let store: EventStore
    let client: PostgresClient
    let baseURL: String

    func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        AuditTrailRecord.mount(on: group, path: "zaken/:uuid", baseURL: baseURL) { request, context in try await self.records(request, context: context) }
    }

    func records(_ request: Request, context: ZGWRequestContext) async throws -> [(UUID, JSONValue)] {
        let client = try context.requireScopes(.scope("audittrails.lezen"), component: .zrc)
        try QueryParameters(request).requireOnly([])
        guard let zaak = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let events = try await store.readStream(StreamName.make(category: ZaakResource.streamCategory, id: zaak))
        var aggregate = ZaakAggregate(uuid: zaak)
        var records: [(UUID, JSONValue)] = []
        for event in events where event.data != ZaakResource.destroyedPayload {
            let payload = try event.decode(ZaakEvent.self)
            guard let (resource, action) = ZaakResource.of(eventType: event.type) else { continue }
            let before = resource == .zaak ? aggregate.zaak : aggregate.state(of: resource, payload.uuid)
            aggregate.apply(type: event.type, event: payload, version: event.version)
            guard let facts = payload.notificatie else { continue }
            let after = payload.state
            let record = AuditTrailRecord.make(
                event, bron: "zrc", resource: resource.rawValue, action: action, facts: facts, before: before, after: after,
                weergave: Self.weergave(resource, after ?? before ?? [:]))
            records.append((event.eventID, record))
        }
        guard let zaakState = aggregate.zaak else { throw ZGWError.notFound() }
        let authorisation = try await ZaakAuthorisation.resolve(client: client, baseURL: baseURL, database: store.client, logger: store.logger)
        try authorisation.require(
            .scope("audittrails.lezen"), zaaktype: zaakState["zaaktype"]?.text ?? "", vertrouwelijkheid: zaakState["vertrouwelijkheidaanduiding"]?.text ?? "")
        return records
    }

    /// A human label: the zaak's identificatie, or the resource's uuid.
    static func weergave(_ resource: ZaakResource, _ state: [String: JSONValue]) -> String {
        if resource == .zaak, let identificatie = state["identificatie"]?.text { return identificatie }
        return "\(resource.rawValue) \(state["uuid"]?.text ?? "")"
    }
}
