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
        let (changes, states) = StreamHistory(events: try await store.readStream(StreamName.make(category: ZaakResource.streamCategory, id: zaak))).fold()
        let records = AuditTrailRecord.records(changes, bron: "zrc") { Self.weergave($0.resource, $0.after ?? $0.before ?? [:]) }
        guard let zaakState = states[StreamHistory.key(ZaakResource.zaak.rawValue, zaak)] else { throw ZGWError.notFound() }
        let authorisation = try await ZaakAuthorisation.resolve(client: client, baseURL: baseURL, database: store.client, logger: store.logger)
        try authorisation.require(
            .scope("audittrails.lezen"), zaaktype: zaakState["zaaktype"]?.text ?? "", vertrouwelijkheid: zaakState["vertrouwelijkheidaanduiding"]?.text ?? "")
        return records
    }

    /// A human label: the zaak's identificatie, or the resource's uuid.
    static func weergave(_ resource: String, _ state: [String: JSONValue]) -> String {
        if resource == ZaakResource.zaak.rawValue, let identificatie = state["identificatie"]?.text { return identificatie }
        return "\(resource) \(state["uuid"]?.text ?? "")"
    }
}
