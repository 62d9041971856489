import Domain
import Logging
import PostgresNIO

/// zrc-006: what one client may do with zaken, per zaaktype and up to a maximum vertrouwelijkheidaanduiding
/// (its `zrc` autorisaties), or everything with `heeftAlleAutorisaties`. Sub-resources follow their zaak.
public struct ZaakAuthorisation: Sendable {
    let types: TypeAuthorisation
    public var client: AuthenticatedClient { types.client }

    public init(client: AuthenticatedClient, baseURL: String) {
        self.types = TypeAuthorisation(client: client, component: .zrc, baseURL: baseURL)
    }

    init(types: TypeAuthorisation) {
        self.types = types
    }

    /// With autorisaties for a whole catalogus expanded to its zaaktypen (see `TypeAuthorisation.resolve`).
    public static func resolve(client: AuthenticatedClient, baseURL: String, database: PostgresClient, logger: Logger) async throws -> ZaakAuthorisation {
        ZaakAuthorisation(types: try await TypeAuthorisation.resolve(client: client, component: .zrc, baseURL: baseURL, database: database, logger: logger))
    }

    public func scopes(zaaktype: String, vertrouwelijkheid: String) -> Set<String> {
        types.scopes(type: zaaktype, vertrouwelijkheid: vertrouwelijkheid)
    }

    public func allows(_ requirement: ScopeRequirement, zaaktype: String, vertrouwelijkheid: String) -> Bool {
        types.allows(requirement, type: zaaktype, vertrouwelijkheid: vertrouwelijkheid)
    }

    /// 403 `permission_denied` unless `requirement` holds for this zaak.
    public func require(_ requirement: ScopeRequirement, zaaktype: String, vertrouwelijkheid: String) throws(ZGWError) {
        try types.require(requirement, type: zaaktype, vertrouwelijkheid: vertrouwelijkheid)
    }

    /// For filtering in SQL: the (zaaktype, highest rank) pairs under which `scope` is held; nil when the client
    /// may see every zaak.
    public func visible(with scope: String) -> [(zaaktype: String, maxRank: Int)]? {
        types.visible(with: scope)?.map { ($0.type, $0.maxRank) }
    }
}
