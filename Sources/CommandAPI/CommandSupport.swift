import Domain
import Foundation
import Hummingbird
import ZGWHTTP

/// Helpers every write controller uses.
enum CommandSupport {
    /// Changes in the Catalogi API: normal or forced (`geforceerd`) writes and deletes.
    static let writeScopes = ScopeRequirement.anyOf(["catalogi.schrijven", "catalogi.geforceerd-schrijven"])
    static let deleteScopes = ScopeRequirement.anyOf(["catalogi.schrijven", "catalogi.geforceerd-verwijderen"])

    /// The `:uuid` of the path; 404 when it is not a uuid.
    static func uuid(_ context: ZGWRequestContext) throws(ZGWError) -> UUID {
        guard let uuid = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw .notFound() }
        return uuid
    }

    /// Runs `body`, turning validation errors into a 400.
    static func translating(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let errors as ValidationErrors {
            throw ZGWError.validation(errors)
        }
    }

    /// True when the client holds `scope` for the Catalogi API (or every autorisatie).
    static func has(_ scope: String, _ client: AuthenticatedClient) -> Bool {
        client.hasAllAutorisaties || client.scopes(for: .ztc).contains(scope)
    }

    typealias Handler = @Sendable (Request, ZGWRequestContext) async throws -> Response

    /// Mounts the writes of one collection: POST, PUT and PATCH (`partial`), DELETE, and optionally publish.
    static func mount(
        on group: RouterGroup<ZGWRequestContext>, collection: String, create: @escaping Handler,
        update: @escaping @Sendable (Request, ZGWRequestContext, Bool) async throws -> Response, delete: @escaping Handler, publish: Handler? = nil
    ) {
        group.post(RouterPath(collection)) { request, context in try await create(request, context) }
        group.put(RouterPath("\(collection)/:uuid")) { request, context in try await update(request, context, false) }
        group.patch(RouterPath("\(collection)/:uuid")) { request, context in try await update(request, context, true) }
        group.delete(RouterPath("\(collection)/:uuid")) { request, context in try await delete(request, context) }
        if let publish {
            group.post(RouterPath("\(collection)/:uuid/publish")) { request, context in try await publish(request, context) }
        }
    }
}
