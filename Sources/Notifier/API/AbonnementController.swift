import Domain
import EventStore
import Foundation
import Hummingbird
import ZGWHTTP

/// `/abonnement`: list (plain array), detail (scope consumeren or publiceren), create/update/delete (scope
/// `notificaties.consumeren`). As Open Notificaties does, a create or update first POSTs a test message to
/// the `callbackUrl` with the `auth` header, and refuses the abonnement unless that answers 2xx. A URL the
/// outbound policy refuses (not a public address) is a 400 `bad-url` without any request.
public struct AbonnementController: Sendable {
    let abonnementen: AbonnementStore
    let kanalen: KanaalStore
    let baseURL: String
    let sender: CallbackSender

    public init(abonnementen: AbonnementStore, kanalen: KanaalStore, baseURL: String, sender: CallbackSender) {
        self.abonnementen = abonnementen
        self.kanalen = kanalen
        self.baseURL = baseURL
        self.sender = sender
    }

    struct Representation: Encodable {
        let url: String
        let callbackUrl: String
        let kanalen: [Abonnement.FilterGroup]
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("abonnement") { request, context in try await self.list(request, context: context) }
        group.get("abonnement/:uuid") { _, context in try await self.detail(context: context) }
        group.post("abonnement") { request, context in try await self.write(request, context: context, existing: nil) }
        group.put("abonnement/:uuid") { request, context in try await self.update(request, context: context, partial: false) }
        group.patch("abonnement/:uuid") { request, context in try await self.update(request, context: context, partial: true) }
        group.delete("abonnement/:uuid") { _, context in try await self.delete(context: context) }
    }

    func render(_ abonnement: Abonnement) throws -> String {
        try NotificatiesAPI.json(Representation(url: baseURL + Abonnement.path(abonnement.uuid), callbackUrl: abonnement.callbackUrl, kanalen: abonnement.kanalen))
    }

    func list(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(NotificatiesAPI.read, component: .nrc)
        try QueryParameters(request).requireOnly([])
        let rendered = try await abonnementen.all().map(render)
        return JSONResponse.make("[" + rendered.joined(separator: ",") + "]")
    }

    func detail(context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(NotificatiesAPI.read, component: .nrc)
        guard let abonnement = try await abonnementen.get(try NotificatiesAPI.uuid(context)) else { throw ZGWError.notFound() }
        return JSONResponse.make(try render(abonnement))
    }

    func update(_ request: Request, context: ZGWRequestContext, partial: Bool) async throws -> Response {
        try context.requireScopes(.scope(NotificatiesAPI.consumeren), component: .nrc)
        guard let existing = try await abonnementen.get(try NotificatiesAPI.uuid(context)) else { throw ZGWError.notFound() }
        return try await write(request, context: context, existing: (existing, partial))
    }

    /// Create (no `existing`), or update: PUT replaces, PATCH (`partial`) changes the fields sent.
    func write(_ request: Request, context: ZGWRequestContext, existing: (abonnement: Abonnement, partial: Bool)?) async throws -> Response {
        try context.requireScopes(.scope(NotificatiesAPI.consumeren), component: .nrc)
        let body = try await JSONBody.parse(request, context: context)
        return try await NotificatiesAPI.translating {
            let base = existing.flatMap { $0.partial ? $0.abonnement : nil }
            var abonnement = try await parse(body, base: base)
            abonnement.uuid = existing?.abonnement.uuid ?? abonnement.uuid
            try await checkCallback(abonnement)
            try await abonnementen.save(abonnement)
            let json = try render(abonnement)
            return existing == nil ? JSONResponse.created(json, location: baseURL + Abonnement.path(abonnement.uuid)) : JSONResponse.make(json)
        }
    }

    func delete(context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope(NotificatiesAPI.consumeren), component: .nrc)
        guard try await abonnementen.delete(try NotificatiesAPI.uuid(context)) else { throw ZGWError.notFound() }
        return Response(status: .noContent)
    }

    /// `Abonnement` of the spec; with a `base` (PATCH) only the sent fields change. Each kanaal must exist and
    /// its filter keys must agree with the kanaal's (`kenmerken_inconsistent`).
    func parse(_ body: JSONBody, base: Abonnement?) async throws -> Abonnement {
        var body = body
        var validator = FieldValidator()
        var abonnement = base ?? Abonnement(callbackUrl: "", auth: "", kanalen: [])
        let callbackUrl = body.string("callbackUrl")
        if callbackUrl != nil || base == nil {
            NotificatiesAPI.url(callbackUrl, "callbackUrl", maxLength: 200, required: true, into: &validator)
            abonnement.callbackUrl = callbackUrl ?? ""
        }
        let auth = body.string("auth")
        if auth != nil || base == nil {
            validator.requireText(auth, "auth", maxLength: 1000)
            abonnement.auth = auth ?? ""
        }
        if let groups = body.arrayOfObjects("kanalen") {
            let known = Dictionary(try await kanalen.list().map { ($0.naam, $0) }, uniquingKeysWith: { first, _ in first })
            var parsed: [Abonnement.FilterGroup] = []
            for (index, var group) in groups.enumerated() {
                let naam = group.string("naam")
                let filters = group.stringMap("filters") ?? [:]
                group.errors.forEach { validator.add($0) }
                guard let naam else {
                    validator.add(.required("kanalen.\(index).naam"))
                    continue
                }
                for (key, value) in filters { validator.text(value, "kanalen.\(index).filters.\(key)", maxLength: 1000) }
                guard let kanaal = known[naam] else {
                    validator.add(FieldError(name: "kanalen.\(index).naam", code: "kanaal_naam", reason: "Kanaal met de naam \(naam) bestaat niet."))
                    continue
                }
                let keys = Set(filters.keys), allowed = Set(kanaal.filters)
                if !keys.isSubset(of: allowed) && !keys.isSuperset(of: allowed) {
                    validator.add(FieldError(
                        name: "kanalen.\(index).filters", code: "kenmerken_inconsistent",
                        reason: "Filters zijn niet consistent met de kenmerken van kanaal \(naam): \(kanaal.filters.joined(separator: ", "))."))
                }
                parsed.append(Abonnement.FilterGroup(naam: naam, filters: filters))
            }
            abonnement.kanalen = parsed
        }
        body.errors.forEach { validator.add($0) }
        try validator.check()
        return abonnement
    }

    /// The test message Open Notificaties sends; the callback must answer it with a 2xx.
    func checkCallback(_ abonnement: Abonnement) async throws {
        let test = NotificationMessage(
            kanaal: "test", hoofdObject: "http://some.hoofdobject.nl/", resource: "some_resource", resourceUrl: "http://some.resource.nl/",
            actie: "create", aanmaakdatum: Date(), kenmerken: [:])
        switch await sender.post(try NotificatiesAPI.json(test), to: abonnement.callbackUrl, authorization: abonnement.auth) {
        case .delivered: return
        case .refused(let reason):
            throw ValidationErrors([FieldError(name: "callbackUrl", code: "bad-url", reason: reason)])
        case .failed(let status, let reason):
            throw ValidationErrors([
                FieldError(
                    name: "callbackUrl", code: "invalid-callback-url",
                    reason: "De callback URL gaf geen 2xx op een testbericht (\(status.map { "HTTP \($0)" } ?? reason)).")
            ])
        }
    }
}
