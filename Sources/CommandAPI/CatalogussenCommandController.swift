import Domain
import EventStore
import Foundation
import Hummingbird
import Projections
import ZGWHTTP

/// `POST /catalogi/api/v1/catalogussen` (scope `catalogi.schrijven`).
public struct CatalogussenCommandController: Sendable {
    let commands: CatalogusCommands
    let baseURL: String

    public init(store: EventStore, baseURL: String) {
        self.init(commands: CatalogusCommands(store: store), baseURL: baseURL)
    }

    public init(commands: CatalogusCommands, baseURL: String) {
        self.commands = commands
        self.baseURL = baseURL
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.post("catalogussen") { request, context in try await self.create(request, context: context) }
    }

    func create(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("catalogi.schrijven"), component: .ztc)
        let body = try await JSONBody.parse(request, context: context)
        do {
            let catalogus = try CatalogusInput.parse(body)
            let stored = try await commands.create(catalogus, metadata: context.eventMetadata(request, actie: "create"))
            return JSONResponse.created(
                ResourceURL.render(stored, baseURL: baseURL), location: baseURL + CatalogusRepresentation.path(catalogus.uuid))
        } catch let errors as ValidationErrors {
            throw ZGWError.validation(errors)
        }
    }
}
