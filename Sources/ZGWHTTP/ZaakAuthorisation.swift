import Domain

/// zrc-006: what one client may do with zaken, per zaaktype and up to a maximum vertrouwelijkheidaanduiding
/// (its `zrc` autorisaties), or everything with `heeftAlleAutorisaties`. Sub-resources follow their zaak.
public struct ZaakAuthorisation: Sendable {
    public let client: AuthenticatedClient
    let baseURL: String

    public init(client: AuthenticatedClient, baseURL: String) {
        self.client = client
        self.baseURL = baseURL
    }

    /// An autorisatie's zaaktype URL as zaken store it (ours relative behind the marker).
    func stored(_ url: String) -> String {
        url.hasPrefix(baseURL + "/") ? ResourceURL.local(String(url.dropFirst(baseURL.count))) : url
    }

    /// The scopes the client holds for zaken of `zaaktype` (stored form) with this vertrouwelijkheidaanduiding.
    public func scopes(zaaktype: String, vertrouwelijkheid: String) -> Set<String> {
        guard let applicatie = client.applicatie else { return [] }
        let rank = Vertrouwelijkheidaanduiding(rawValue: vertrouwelijkheid)?.rank ?? Int.max
        var scopes = Set<String>()
        for autorisatie in applicatie.autorisaties where autorisatie.component == .zrc {
            // Scopes without a zaaktype (audittrails.lezen, …) hold for every zaak.
            guard let type = autorisatie.zaaktype else {
                scopes.formUnion(autorisatie.scopes)
                continue
            }
            if stored(type) == zaaktype, (autorisatie.maxVertrouwelijkheidaanduiding?.rank ?? -1) >= rank {
                scopes.formUnion(autorisatie.scopes)
            }
        }
        return scopes
    }

    public func allows(_ requirement: ScopeRequirement, zaaktype: String, vertrouwelijkheid: String) -> Bool {
        client.hasAllAutorisaties || requirement.isSatisfied(by: scopes(zaaktype: zaaktype, vertrouwelijkheid: vertrouwelijkheid))
    }

    /// 403 `permission_denied` unless `requirement` holds for this zaak.
    public func require(_ requirement: ScopeRequirement, zaaktype: String, vertrouwelijkheid: String) throws(ZGWError) {
        guard allows(requirement, zaaktype: zaaktype, vertrouwelijkheid: vertrouwelijkheid) else { throw .permissionDenied() }
    }

    /// For filtering in SQL: the (zaaktype, highest rank) pairs under which `scope` is held; nil when the client
    /// may see every zaak.
    public func visible(with scope: String) -> [(zaaktype: String, maxRank: Int)]? {
        if client.hasAllAutorisaties { return nil }
        return (client.applicatie?.autorisaties ?? []).compactMap { autorisatie in
            guard autorisatie.component == .zrc, autorisatie.scopes.contains(scope), let type = autorisatie.zaaktype else { return nil }
            return (stored(type), autorisatie.maxVertrouwelijkheidaanduiding?.rank ?? -1)
        }
    }
}
