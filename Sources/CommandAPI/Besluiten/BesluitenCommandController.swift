import Domain
import EventStore
import Foundation
import Hummingbird
import PostgresNIO
import Projections
import ZGWHTTP

/// The writes of the Besluiten API (`/besluiten/api/v1`), answering with the resource as the read model serves it.
public struct BesluitenCommandController: Sendable {
    let commands: BesluitCommands
    let client: PostgresClient
    let baseURL: String

    public init(store: EventStore, baseURL: String, outbound: OutboundCalls) {
        self.commands = BesluitCommands(store: store, baseURL: baseURL, outbound: outbound)
        self.client = store.client
        self.baseURL = baseURL
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.post("besluiten") { request, context in try await self.create(request, context: context) }
        group.post("besluit_verwerken") { request, context in try await self.verwerken(request, context: context) }
        group.put("besluiten/:uuid") { request, context in try await self.update(request, context: context, partial: false) }
        group.patch("besluiten/:uuid") { request, context in try await self.update(request, context: context, partial: true) }
        group.delete("besluiten/:uuid") { request, context in try await self.delete(request, context: context) }
        group.post("besluitinformatieobjecten") { request, context in try await self.createInformatieobject(request, context: context) }
        group.delete("besluitinformatieobjecten/:uuid") { request, context in try await self.deleteInformatieobject(request, context: context) }
    }

    func authorisation(_ context: ZGWRequestContext) async throws -> TypeAuthorisation {
        try await TypeAuthorisation.resolve(
            client: try context.requireClient(), component: .brc, baseURL: baseURL, database: client, logger: commands.repository.store.logger)
    }

    func create(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("besluiten.aanmaken"), component: .brc)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            let (uuid, _) = try await commands.createBesluit(body.fields, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "create"))
            return try await created(.besluit, uuid)
        }
    }

    /// `POST /besluit_verwerken` (Open Zaak): a besluit and its besluitinformatieobjecten in one transaction.
    func verwerken(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("besluiten.aanmaken"), component: .brc)
        let body = try await JSONBody.parse(request, context: context).fields
        var errors: [FieldError] = []
        let besluit = body["besluit"]?.object
        if besluit == nil { errors.append(FieldError(name: "besluit", code: body["besluit"] == nil ? "required" : "invalid", reason: "Geef een besluit.")) }
        var informatieobjecten: [[String: JSONValue]] = []
        switch body["besluitinformatieobjecten"] {
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                guard let object = item.object, case .string(let url)? = object["informatieobject"], !url.isEmpty else {
                    errors.append(FieldError(name: "besluitinformatieobjecten.\(index).informatieobject", code: "required", reason: "Dit veld is vereist."))
                    continue
                }
                informatieobjecten.append(["informatieobject": .string(url)])
            }
        case nil: errors.append(FieldError(name: "besluitinformatieobjecten", code: "required", reason: "Dit veld is vereist."))
        default: errors.append(FieldError(name: "besluitinformatieobjecten", code: "not_a_list", reason: "Verwachtte een lijst."))
        }
        if !errors.isEmpty { throw ZGWError.validation(errors) }
        return try await CommandSupport.translating {
            // The informatieobject URLs in stored form, like every other reference.
            var stored: [[String: JSONValue]] = []
            for item in informatieobjecten {
                var errors: [FieldError] = []
                stored.append(commands.validator.writable(["informatieobject": item["informatieobject"]!, "besluit": .string(baseURL + "/besluiten/api/v1/besluiten/x")],
                                                          schema: "BesluitInformatieObject", partial: true, errors: &errors))
                if !errors.isEmpty { throw ValidationErrors(errors) }
            }
            let (uuid, bios) = try await commands.createBesluit(
                besluit ?? [:], informatieobjecten: stored, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "create"))
            var items: [String] = []
            for bio in bios { items.append(try await representation(.besluitinformatieobject, bio)) }
            let json = #"{"besluit":\#(try await representation(.besluit, uuid)),"besluitinformatieobjecten":[\#(items.joined(separator: ","))]}"#
            return JSONResponse.make(ResourceURL.render(json, baseURL: baseURL), status: .created)
        }
    }

    func update(_ request: Request, context: ZGWRequestContext, partial: Bool) async throws -> Response {
        try context.requireScopes(.scope("besluiten.bijwerken"), component: .brc)
        let uuid = try CommandSupport.uuid(context)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            guard try await commands.updateBesluit(
                uuid, body: body.fields, partial: partial, authorisation: try await authorisation(context),
                metadata: context.eventMetadata(request, actie: partial ? "partial_update" : "update"))
            else { throw ZGWError.notFound() }
            return JSONResponse.make(ResourceURL.render(try await representation(.besluit, uuid), baseURL: baseURL))
        }
    }

    func delete(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("besluiten.verwijderen"), component: .brc)
        let uuid = try CommandSupport.uuid(context)
        return try await CommandSupport.translating {
            guard try await commands.deleteBesluit(uuid, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "destroy")) else {
                throw ZGWError.notFound()
            }
            return Response(status: .noContent)
        }
    }

    func createInformatieobject(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("besluiten.aanmaken"), component: .brc)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            let uuid = try await commands.createInformatieobject(body.fields, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "create"))
            return try await created(.besluitinformatieobject, uuid)
        }
    }

    func deleteInformatieobject(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("besluiten.verwijderen"), component: .brc)
        let uuid = try CommandSupport.uuid(context)
        return try await CommandSupport.translating {
            guard try await commands.deleteInformatieobject(uuid, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "destroy")) else {
                throw ZGWError.notFound()
            }
            return Response(status: .noContent)
        }
    }

    func representation(_ kind: BesluitResource, _ uuid: UUID) async throws -> String {
        try await StoredRepresentation.of(uuid, in: kind == .besluit ? "besluiten.besluiten" : "besluiten.informatieobjecten", client: client) ?? "{}"
    }

    func created(_ kind: BesluitResource, _ uuid: UUID) async throws -> Response {
        let location = ResourceURL.absolute(kind.url(uuid), baseURL: baseURL)
        return JSONResponse.created(ResourceURL.render(try await representation(kind, uuid), baseURL: baseURL), location: location)
    }
}
