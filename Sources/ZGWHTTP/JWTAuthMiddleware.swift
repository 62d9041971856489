import Hummingbird

/// Requires a valid ZGW JWT (`Authorization: Bearer …`) and puts the authenticated client in the context.
public struct JWTAuthMiddleware: RouterMiddleware {
    public typealias Context = ZGWRequestContext

    let verifier: ZGWTokenVerifier
    let registry: ApplicatieRegistry

    public init(verifier: ZGWTokenVerifier, registry: ApplicatieRegistry) {
        self.verifier = verifier
        self.registry = registry
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw ZGWError.notAuthenticated() }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw ZGWError.notAuthenticated("Gebruik een Bearer-token (ZGW JWT).")
        }
        var context = context
        // Spaces and tabs around the token, trimmed without Foundation (its `trimmingCharacters` showed in profiles).
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        var token = parts[1].drop(while: isBlank)
        while let last = token.last, isBlank(last) { token = token.dropLast() }
        let client = try verifier.verify(String(token)) { registry.credential(for: $0) }
        context.client = client
        context.logger[metadataKey: "client_id"] = .string(client.clientID)
        return try await next(request, context)
    }
}
