import Domain
import EventStore
import Foundation
import Hummingbird
import ZGWHTTP

/// `/kanaal`: list (plain array, filter `naam`), detail, create (scope `notificaties.publiceren`).
public struct KanaalController: Sendable {
    let kanalen: KanaalStore
    let baseURL: String

    public init(kanalen: KanaalStore, baseURL: String) {
        self.kanalen = kanalen
        self.baseURL = baseURL
    }

    struct Representation: Encodable {
        let url: String
        let naam: String
        let documentatieLink: String
        let filters: [String]
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("kanaal") { request, context in try await self.list(request, context: context) }
        group.get("kanaal/:uuid") { _, context in try await self.detail(context: context) }
        group.post("kanaal") { request, context in try await self.create(request, context: context) }
    }

    func representation(_ kanaal: Kanaal) -> Representation {
        Representation(url: baseURL + Kanaal.path(kanaal.uuid), naam: kanaal.naam, documentatieLink: kanaal.documentatieLink, filters: kanaal.filters)
    }

    func list(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(NotificatiesAPI.read, component: .nrc)
        let query = QueryParameters(request)
        try query.requireOnly(["naam"])
        return JSONResponse.make(try NotificatiesAPI.json(try await kanalen.list(naam: query.string("naam")).map(representation)))
    }

    func detail(context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(NotificatiesAPI.read, component: .nrc)
        guard let kanaal = try await kanalen.get(try NotificatiesAPI.uuid(context)) else { throw ZGWError.notFound() }
        return JSONResponse.make(try NotificatiesAPI.json(representation(kanaal)))
    }

    func create(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope(NotificatiesAPI.publiceren), component: .nrc)
        var body = try await JSONBody.parse(request, context: context)
        return try await NotificatiesAPI.translating {
            var validator = FieldValidator()
            let naam = body.string("naam")
            validator.requireText(naam, "naam", maxLength: 50)
            let link = body.string("documentatieLink")
            if let link, !link.isEmpty { NotificatiesAPI.url(link, "documentatieLink", maxLength: 200, required: false, into: &validator) }
            let filters = body.stringArray("filters") ?? []
            for (index, filter) in filters.enumerated() { validator.requireText(filter, "filters.\(index)", maxLength: 100) }
            body.errors.forEach { validator.add($0) }
            try validator.check()
            let kanaal = Kanaal(naam: naam ?? "", documentatieLink: link ?? "", filters: filters)
            guard try await kanalen.insert(kanaal) else {
                throw ValidationErrors([FieldError(name: "naam", code: "unique", reason: "Kanaal met deze Naam bestaat al.")])
            }
            return JSONResponse.created(try NotificatiesAPI.json(representation(kanaal)), location: baseURL + Kanaal.path(kanaal.uuid))
        }
    }
}
