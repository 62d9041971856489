import Domain
import EventStore
import Foundation
import Hummingbird
import PostgresNIO
import Projections
import ZGWHTTP

/// The writes of the Zaken API (`/zaken/api/v1`), answering with the resource as the read model serves it.
public struct ZakenCommandController: Sendable {
    let commands: ZaakCommands
    let client: PostgresClient
    let baseURL: String

    public init(store: EventStore, baseURL: String, outbound: OutboundCalls) {
        self.commands = ZaakCommands(store: store, baseURL: baseURL, outbound: outbound)
        self.client = store.client
        self.baseURL = baseURL
    }

    typealias Handler = @Sendable (Request, ZGWRequestContext) async throws -> Response

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.post("zaken") { request, context in try await self.createZaak(request, context: context) }
        group.put("zaken/:uuid") { request, context in try await self.updateZaak(request, context: context, partial: false) }
        group.patch("zaken/:uuid") { request, context in try await self.updateZaak(request, context: context, partial: true) }
        group.delete("zaken/:uuid") { request, context in try await self.deleteZaak(request, context: context) }

        let updatable: [ZaakResource] = [.resultaat, .zaakobject, .zaakinformatieobject]
        let deletable: [ZaakResource] = [.resultaat, .rol, .zaakobject, .zaakinformatieobject, .zaakcontactmoment, .zaakverzoek]
        for kind in ZaakResource.allCases {
            guard let collection = kind.collection, kind != .zaak else { continue }
            group.post(RouterPath(collection)) { request, context in try await self.create(kind, request, context: context) }
            if updatable.contains(kind) {
                group.put(RouterPath("\(collection)/:uuid")) { request, context in try await self.update(kind, request, context: context, partial: false) }
                group.patch(RouterPath("\(collection)/:uuid")) { request, context in try await self.update(kind, request, context: context, partial: true) }
            }
            if deletable.contains(kind) {
                group.delete(RouterPath("\(collection)/:uuid")) { request, context in try await self.delete(kind, request, context: context) }
            }
        }
        // The two collections nested under a zaak.
        for (kind, collection) in [(ZaakResource.zaakeigenschap, "zaakeigenschappen"), (.zaakbesluit, "besluiten")] {
            group.post(RouterPath("zaken/:uuid/\(collection)")) { request, context in try await self.create(kind, request, context: context) }
            group.delete(RouterPath("zaken/:uuid/\(collection)/:sub")) { request, context in try await self.delete(kind, request, context: context) }
        }
        group.put("zaken/:uuid/zaakeigenschappen/:sub") { request, context in try await self.update(.zaakeigenschap, request, context: context, partial: false) }
        group.patch("zaken/:uuid/zaakeigenschappen/:sub") { request, context in try await self.update(.zaakeigenschap, request, context: context, partial: true) }
    }

    func authorisation(_ context: ZGWRequestContext) async throws -> ZaakAuthorisation {
        try await ZaakAuthorisation.resolve(client: try context.requireClient(), baseURL: baseURL, database: client, logger: commands.repository.store.logger)
    }

    func createZaak(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("zaken.aanmaken"), component: .zrc)
        try CoordinateReferenceSystem.check(request, hasBody: true)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            let uuid = try await commands.createZaak(body.fields, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "create"))
            return CoordinateReferenceSystem.tagged(try await created(.zaak, uuid, zaak: uuid))
        }
    }

    func updateZaak(_ request: Request, context: ZGWRequestContext, partial: Bool) async throws -> Response {
        try context.requireScopes(.anyOf(["zaken.bijwerken", ZaakCommands.geforceerd]), component: .zrc)
        try CoordinateReferenceSystem.check(request, hasBody: true)
        let uuid = try CommandSupport.uuid(context)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            guard try await commands.updateZaak(
                uuid, body: body.fields, partial: partial, authorisation: try await authorisation(context),
                metadata: context.eventMetadata(request, actie: partial ? "partial_update" : "update"))
            else { throw ZGWError.notFound() }
            return CoordinateReferenceSystem.tagged(JSONResponse.make(try await representation(.zaak, uuid)))
        }
    }

    func deleteZaak(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("zaken.verwijderen"), component: .zrc)
        let uuid = try CommandSupport.uuid(context)
        return try await CommandSupport.translating {
            guard try await commands.deleteZaak(uuid, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "destroy")) else {
                throw ZGWError.notFound()
            }
            return Response(status: .noContent)
        }
    }

    func create(_ kind: ZaakResource, _ request: Request, context: ZGWRequestContext) async throws -> Response {
        let requirement: ScopeRequirement = kind == .status
            ? .anyOf(["zaken.aanmaken", "zaken.statussen.toevoegen", "zaken.heropenen"]) : ZaakCommands.createRequirement(kind)
        try context.requireScopes(requirement, component: .zrc)
        var nested: UUID?
        if kind == .zaakeigenschap || kind == .zaakbesluit {
            guard let zaak = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
            nested = zaak
        }
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            let uuid: UUID
            do {
                uuid = try await commands.create(
                    kind, body: body.fields, zaak: nested, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "create"))
            } catch is ZaakNotFound {
                throw ZGWError.notFound()
            }
            return try await created(kind, uuid, zaak: nested)
        }
    }

    func update(_ kind: ZaakResource, _ request: Request, context: ZGWRequestContext, partial: Bool) async throws -> Response {
        try context.requireScopes(.anyOf(["zaken.bijwerken", ZaakCommands.geforceerd]), component: .zrc)
        let uuid = try resourceUUID(context)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            guard try await commands.update(
                kind, uuid: uuid, body: body.fields, partial: partial, authorisation: try await authorisation(context),
                metadata: context.eventMetadata(request, actie: partial ? "partial_update" : "update"))
            else { throw ZGWError.notFound() }
            return JSONResponse.make(try await representation(kind, uuid))
        }
    }

    func delete(_ kind: ZaakResource, _ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(ZaakCommands.deleteRequirement(kind), component: .zrc)
        let uuid = try resourceUUID(context)
        return try await CommandSupport.translating {
            guard try await commands.delete(kind, uuid: uuid, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "destroy")) else {
                throw ZGWError.notFound()
            }
            return Response(status: .noContent)
        }
    }

    /// The uuid of the resource in the path: `:sub` under a zaak (`zaken/{uuid}/zaakeigenschappen/{sub}`), else `:uuid`.
    func resourceUUID(_ context: ZGWRequestContext) throws -> UUID {
        guard let uuid = (context.parameters.get("sub") ?? context.parameters.get("uuid")).flatMap(UUID.init(uuidString:)) else {
            throw ZGWError.notFound()
        }
        return uuid
    }

    /// The served JSON of a resource, from its read model.
    func representation(_ kind: ZaakResource, _ uuid: UUID) async throws -> String {
        let table = kind == .zaak ? "zaken.zaken" : "zaken.resources"
        let stored = try await StoredRepresentation.of(uuid, in: table, client: client) ?? "{}"
        return ResourceURL.render(stored, baseURL: baseURL)
    }

    func created(_ kind: ZaakResource, _ uuid: UUID, zaak: UUID?) async throws -> Response {
        let json = try await representation(kind, uuid)
        let location = ResourceURL.absolute(kind.url(uuid, zaak: zaak ?? uuid), baseURL: baseURL)
        return JSONResponse.created(json, location: location)
    }
}
