import Domain
import EventStore
import Foundation
import Hummingbird
import ZGWHTTP

/// `/kanaal`: list (plain array, filter `naam`), detail, create, update (PUT/PATCH; scope `notificaties.publiceren`).
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
        group.put("kanaal/:uuid") { request, context in try await self.update(request, context: context, partial: false) }
        group.patch("kanaal/:uuid") { request, context in try await self.update(request, context: context, partial: true) }
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
        let body = try await JSONBody.parse(request, context: context)
        return try await NotificatiesAPI.translating {
            let kanaal = try Self.parse(body, into: Kanaal(naam: ""), partial: false)
            guard try await kanalen.insert(kanaal) else { throw Self.nameTaken }
            return JSONResponse.created(try NotificatiesAPI.json(representation(kanaal)), location: baseURL + Kanaal.path(kanaal.uuid))
        }
    }

    func update(_ request: Request, context: ZGWRequestContext, partial: Bool) async throws -> Response {
        try context.requireScopes(.scope(NotificatiesAPI.publiceren), component: .nrc)
        guard let existing = try await kanalen.get(try NotificatiesAPI.uuid(context)) else { throw ZGWError.notFound() }
        let body = try await JSONBody.parse(request, context: context)
        return try await NotificatiesAPI.translating {
            let kanaal = try Self.parse(body, into: existing, partial: partial)
            guard try await kanalen.update(kanaal) else { throw Self.nameTaken }
            return JSONResponse.make(try NotificatiesAPI.json(representation(kanaal)))
        }
    }

    static let nameTaken = ValidationErrors([FieldError(name: "naam", code: "unique", reason: "Kanaal met deze Naam bestaat al.")])

    /// The body's fields over `kanaal` (all of them unless `partial`), validated.
    static func parse(_ body: JSONBody, into kanaal: Kanaal, partial: Bool) throws -> Kanaal {
        var body = body, kanaal = kanaal
        var validator = FieldValidator()
        let naam = body.string("naam")
        if !partial || naam != nil { validator.requireText(naam, "naam", maxLength: 50) }
        let link = body.string("documentatieLink")
        if let link, !link.isEmpty { NotificatiesAPI.url(link, "documentatieLink", maxLength: 200, required: false, into: &validator) }
        let filters = body.stringArray("filters")
        for (index, filter) in (filters ?? []).enumerated() { validator.requireText(filter, "filters.\(index)", maxLength: 100) }
        body.errors.forEach { validator.add($0) }
        try validator.check()
        if let naam { kanaal.naam = naam }
        if let link { kanaal.documentatieLink = link } else if !partial { kanaal.documentatieLink = "" }
        if let filters { kanaal.filters = filters } else if !partial { kanaal.filters = [] }
        return kanaal
    }
}
