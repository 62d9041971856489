import Domain
import EventStore
import Foundation
import Hummingbird
import ZGWHTTP

/// `GET /enkelvoudiginformatieobjecten/{uuid}/audittrail[/{uuid}]`, served from the document's stream: every
/// version, and every gebruiksrechten and verzending change, with who and why. Locks, bestandsdelen and
/// derived changes (the `indicatieGebruiksrecht` gebruiksrechten set) are part of other changes, not records.
struct DocumentAuditTrailController: Sendable {
    let store: EventStore
    let baseURL: String

    func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        AuditTrailRecord.mount(on: group, path: "enkelvoudiginformatieobjecten/:uuid", baseURL: baseURL) { request, context in try await self.records(request, context: context) }
    }

    func records(_ request: Request, context: ZGWRequestContext) async throws -> [(UUID, JSONValue)] {
        let client = try context.requireScopes(.scope("audittrails.lezen"), component: .drc)
        try QueryParameters(request).requireOnly([])
        guard let document = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let events = try await store.readStream(StreamName.make(category: DocumentResource.streamCategory, id: document))
        var aggregate = DocumentAggregate(uuid: document)
        var records: [(UUID, JSONValue)] = []
        for event in events where event.data != ZaakResource.destroyedPayload {
            let payload = try event.decode(DocumentEvent.self)
            guard let (resource, action) = DocumentResource.of(eventType: event.type) else { continue }
            let before = resource == .enkelvoudiginformatieobject ? aggregate.current : aggregate.state(of: resource, payload.uuid)
            aggregate.apply(type: event.type, event: payload, version: event.version)
            guard let facts = payload.notificatie else { continue }
            let after = payload.state
            let weergave = resource == .enkelvoudiginformatieobject
                ? (after ?? before ?? [:]).string("identificatie") : "\(resource.rawValue) \(payload.uuid.lowercased)"
            records.append((event.eventID, AuditTrailRecord.make(
                event, bron: "drc", resource: resource.rawValue, action: action, facts: facts, before: before, after: after, weergave: weergave)))
        }
        guard let current = aggregate.current else { throw ZGWError.notFound() }
        try await TypeAuthorisation.resolve(client: client, component: .drc, baseURL: baseURL, database: store.client, logger: store.logger).require(
            .scope("audittrails.lezen"), type: current.string("informatieobjecttype"), vertrouwelijkheid: current.string("vertrouwelijkheidaanduiding"))
        return records
    }
}
