import Domain
import EventStore
import Foundation
import Hummingbird
import Projections
import ZGWHTTP

/// Writes of `/autorisaties/api/v1/applicaties` (scope `autorisaties.bijwerken`): POST, PUT, PATCH (a given
/// `autorisaties` replaces the set), DELETE; rules ac-001..003.
public struct ApplicatiesCommandController: Sendable {
    let commands: ApplicatieCommands
    let baseURL: String

    public init(store: EventStore, baseURL: String) {
        self.commands = ApplicatieCommands(store: store)
        self.baseURL = baseURL
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        CommandSupport.mount(
            on: group, collection: "applicaties", create: { try await self.create($0, context: $1) },
            update: { try await self.update($0, context: $1, partial: $2) }, delete: { try await self.delete($0, context: $1) })
    }

    func create(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("autorisaties.bijwerken"), component: .ac)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            let applicatie = try Self.parse(body, base: nil)
            try await commands.create(applicatie, metadata: context.eventMetadata(request, actie: "create"))
            return JSONResponse.created(try render(applicatie), location: baseURL + ApplicatieRepresentation.path(applicatie.uuid))
        }
    }

    func update(_ request: Request, context: ZGWRequestContext, partial: Bool) async throws -> Response {
        try context.requireScopes(.scope("autorisaties.bijwerken"), component: .ac)
        let uuid = try CommandSupport.uuid(context)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            guard let (current, _) = try await commands.load(uuid) else { throw ZGWError.notFound() }
            let updated = try Self.parse(body, base: partial ? current : nil)
            guard try await commands.update(uuid, metadata: context.eventMetadata(request, actie: partial ? "partial_update" : "update"), change: { _ in updated })
            else { throw ZGWError.notFound() }
            var result = updated
            result.uuid = uuid
            return JSONResponse.make(try render(result))
        }
    }

    func delete(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("autorisaties.bijwerken"), component: .ac)
        let uuid = try CommandSupport.uuid(context)
        guard try await commands.delete(uuid, metadata: context.eventMetadata(request, actie: "destroy")) else { throw ZGWError.notFound() }
        return Response(status: .noContent)
    }

    func render(_ applicatie: Applicatie) throws -> String {
        ResourceURL.render(String(decoding: try JSONCoding.encoder.encode(ApplicatieRepresentation(applicatie)), as: UTF8.self), baseURL: baseURL)
    }

    /// `ApplicatieRequest`; with a `base` (PATCH) only the sent fields change.
    static func parse(_ body: JSONBody, base: Applicatie?) throws(ValidationErrors) -> Applicatie {
        var body = body
        var validator = FieldValidator()
        var applicatie = base ?? Applicatie(clientIds: [], label: "", heeftAlleAutorisaties: false)
        if let clientIds = body.stringArray("clientIds") {
            for (index, clientID) in clientIds.enumerated() { validator.requireText(clientID, "clientIds.\(index)", maxLength: 50) }
            applicatie.clientIds = clientIds
        } else if base == nil, !body.has("clientIds") {
            validator.add(.required("clientIds"))
        }
        if let label = body.string("label") {
            validator.requireText(label, "label", maxLength: 100)
            applicatie.label = label
        } else if base == nil, !body.has("label") {
            validator.add(.required("label"))
        }
        if let all = body.bool("heeftAlleAutorisaties") { applicatie.heeftAlleAutorisaties = all }
        if let items = body.arrayOfObjects("autorisaties") {
            var autorisaties: [Autorisatie] = []
            for (index, var item) in items.enumerated() {
                let component = item.choice("component", Component.self)
                let scopes = item.stringArray("scopes") ?? []
                for (scopeIndex, scope) in scopes.enumerated() { validator.requireText(scope, "autorisaties.\(index).scopes.\(scopeIndex)", maxLength: 100) }
                let zaaktype = item.string("zaaktype"), iot = item.string("informatieobjecttype"), besluittype = item.string("besluittype")
                let maximumText = item.string("maxVertrouwelijkheidaanduiding") ?? ""
                let maximum = Vertrouwelijkheidaanduiding(rawValue: maximumText)
                if !maximumText.isEmpty, maximum == nil {
                    validator.add(FieldError(name: "autorisaties.\(index).maxVertrouwelijkheidaanduiding", code: "invalid_choice", reason: "\"\(maximumText)\" is een ongeldige keuze."))
                }
                for (name, value) in [("zaaktype", zaaktype), ("informatieobjecttype", iot), ("besluittype", besluittype)] {
                    validator.text(value, "autorisaties.\(index).\(name)", maxLength: 1000)
                    if let value, !value.isEmpty, URL(string: value)?.scheme == nil {
                        validator.add(FieldError(name: "autorisaties.\(index).\(name)", code: "invalid", reason: "Voer een geldige URL in."))
                    }
                }
                item.errors.forEach { validator.add($0) }
                guard let component else {
                    if !item.errors.contains(where: { $0.name.hasSuffix("component") }) { validator.add(.required("autorisaties.\(index).component")) }
                    continue
                }
                autorisaties.append(Autorisatie(
                    component: component, scopes: scopes, zaaktype: zaaktype, informatieobjecttype: iot, besluittype: besluittype,
                    maxVertrouwelijkheidaanduiding: maximum))
            }
            applicatie.autorisaties = autorisaties
        }
        body.errors.forEach { validator.add($0) }
        try validator.check()
        return applicatie
    }
}
