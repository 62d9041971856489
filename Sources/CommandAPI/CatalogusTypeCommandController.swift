import Domain
import EventStore
import Foundation
import Hummingbird
import ZGWHTTP

/// Writes of one catalogus type's collection: POST, PUT, PATCH, DELETE and `…/{uuid}/publish`, with the
/// Catalogi scopes (`catalogi.schrijven`; the forced scopes for changes to published types).
struct CatalogusTypeCommandController<Input: CatalogusTypeInput>: Sendable {
    let commands: CatalogusTypeCommands<Input.Resource>
    /// `informatieobjecttypen`.
    let collection: String
    let baseURL: String
    let references: ResourceReference

    init(commands: CatalogusTypeCommands<Input.Resource>, collection: String, baseURL: String) {
        self.commands = commands
        self.collection = collection
        self.baseURL = baseURL
        self.references = ResourceReference(baseURL: baseURL)
    }

    func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        CommandSupport.mount(
            on: group, collection: collection, create: { try await self.create($0, context: $1) },
            update: { try await self.update($0, context: $1, partial: $2) }, delete: { try await self.delete($0, context: $1) },
            publish: { try await self.publish($0, context: $1) })
    }

    func create(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("catalogi.schrijven"), component: .ztc)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            let resource = try Input.parse(body, partial: false, references: references).makeNew()
            let stored = try await commands.create(resource, metadata: context.eventMetadata(request, actie: "create"))
            let location = "\(baseURL)\(ZGWAPI.catalogi.root)/\(collection)/\(resource.uuid.uuidString.lowercased())"
            return JSONResponse.created(ResourceURL.render(stored, baseURL: baseURL), location: location)
        }
    }

    func update(_ request: Request, context: ZGWRequestContext, partial: Bool) async throws -> Response {
        let client = try context.requireScopes(CommandSupport.writeScopes, component: .ztc)
        let uuid = try CommandSupport.uuid(context)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            let input = try Input.parse(body, partial: partial, references: references)
            let forced = CommandSupport.has("catalogi.geforceerd-schrijven", client)
            let metadata = context.eventMetadata(request, actie: partial ? "partial_update" : "update")
            guard let stored = try await commands.update(uuid, changedFields: input.fields, forced: forced, metadata: metadata, change: input.apply)
            else { throw ZGWError.notFound() }
            return JSONResponse.make(ResourceURL.render(stored, baseURL: baseURL))
        }
    }

    func delete(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        let client = try context.requireScopes(CommandSupport.deleteScopes, component: .ztc)
        let uuid = try CommandSupport.uuid(context)
        return try await CommandSupport.translating {
            let forced = CommandSupport.has("catalogi.geforceerd-verwijderen", client)
            guard try await commands.delete(uuid, forced: forced, metadata: context.eventMetadata(request, actie: "destroy")) else {
                throw ZGWError.notFound()
            }
            return Response(status: .noContent)
        }
    }

    func publish(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("catalogi.schrijven"), component: .ztc)
        let uuid = try CommandSupport.uuid(context)
        return try await CommandSupport.translating {
            guard let stored = try await commands.publish(uuid, metadata: context.eventMetadata(request, actie: "publish")) else {
                throw ZGWError.notFound()
            }
            return JSONResponse.make(ResourceURL.render(stored, baseURL: baseURL))
        }
    }
}
