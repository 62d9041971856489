import Domain

extension ZGWRequestContext {
    /// The authenticated client, or 403 `not_authenticated`.
    public func requireClient() throws(ZGWError) -> AuthenticatedClient {
        guard let client else { throw .notAuthenticated() }
        return client
    }

    /// Checks the operation's scope requirement for `component` (all scopes with `heeftAlleAutorisaties`);
    /// 403 `permission_denied` otherwise. Per-type autorisaties are checked by the resources themselves.
    @discardableResult
    public func requireScopes(_ requirement: ScopeRequirement, component: Component) throws(ZGWError) -> AuthenticatedClient {
        let client = try requireClient()
        if client.hasAllAutorisaties || requirement.isSatisfied(by: client.scopes(for: component)) { return client }
        throw .permissionDenied()
    }
}

extension ZGWRequestContext {
    /// Read access to the Catalogi API: `catalogi.lezen`, or (ztc-014) `zaken.lezen` / `documenten.lezen`, which
    /// need the types to make sense of zaken and documents.
    @discardableResult
    public func requireCatalogiRead() throws(ZGWError) -> AuthenticatedClient {
        let client = try requireClient()
        if client.hasAllAutorisaties || client.scopes(for: .ztc).contains("catalogi.lezen") || client.scopes(for: .zrc).contains("zaken.lezen")
            || client.scopes(for: .drc).contains("documenten.lezen")
        {
            return client
        }
        throw .permissionDenied()
    }
}
