import Domain
import EventStore
import Foundation
import Hummingbird
import ZGWHTTP

/// `GET /zaken/api/v1/zaken/{uuid}/x-historie?at=<date-time>` (extension): the zaak with everything under
/// it exactly as the API served it at that instant (now when `at` is absent), from the zaak's stream. For
/// auditors: needs `audittrails.lezen` for the zaak's zaaktype, and answers for deleted zaken too.
struct ZaakHistoryController: Sendable {
    let store: EventStore
    let baseURL: String

    func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("zaken/:uuid/x-historie") { request, context in try await self.asOf(request, context: context) }
    }

    func asOf(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let client = try context.requireScopes(.scope("audittrails.lezen"), component: .zrc)
        let query = QueryParameters(request)
        try query.requireOnly(["at"])
        var instant: Date?
        if let at = query.string("at") {
            guard let parsed = ZGWDateTime.parse(at) else {
                throw ZGWError.validation([InvalidParam(name: "at", code: "invalid", reason: "Geef een datum-tijd, bijvoorbeeld 2026-05-01T12:00:00Z.")])
            }
            instant = parsed
        }
        guard let uuid = context.parameters.get("uuid"), UUID(uuidString: uuid) != nil, let history = try await ZaakHistory.load(uuid, store: store),
            let last = history.lastKnownZaak
        else { throw ZGWError.notFound() }
        try await ZaakAuthorisation.resolve(client: client, baseURL: baseURL, database: store.client, logger: store.logger).require(
            .scope("audittrails.lezen"), zaaktype: last["zaaktype"]?.text ?? "", vertrouwelijkheid: last["vertrouwelijkheidaanduiding"]?.text ?? "")
        guard let view = try await history.view(at: instant, store: store) else {
            throw ZGWError.notFound("De zaak bestond op dat moment niet.")
        }
        return JSONResponse.make(ResourceURL.render(view.jsonText, baseURL: baseURL))
    }
}
