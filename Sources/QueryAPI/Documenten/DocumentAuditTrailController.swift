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
        let (changes, states) = StreamHistory(events: try await store.readStream(StreamName.make(category: DocumentResource.streamCategory, id: document))).fold()
        let records = AuditTrailRecord.records(changes, bron: "drc") { change in
            change.resource == DocumentResource.enkelvoudiginformatieobject.rawValue
                ? (change.after ?? change.before ?? [:]).string("identificatie") : "\(change.resource) \(change.resourceUUID.lowercased)"
        }
        guard let current = states[StreamHistory.key(DocumentResource.enkelvoudiginformatieobject.rawValue, document)] else { throw ZGWError.notFound() }
        try await TypeAuthorisation.resolve(client: client, component: .drc, baseURL: baseURL, database: store.client, logger: store.logger).require(
            .scope("audittrails.lezen"), type: current.string("informatieobjecttype"), vertrouwelijkheid: current.string("vertrouwelijkheidaanduiding"))
        return records
    }
}
