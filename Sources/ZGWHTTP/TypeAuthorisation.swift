import Domain

/// What one client may do with the objects of one component (zaken, documenten, besluiten), per type
/// (zaaktype, informatieobjecttype, besluittype) and up to a maximum vertrouwelijkheidaanduiding, or
/// everything with `heeftAlleAutorisaties`. Sub-resources follow their main object.
public struct TypeAuthorisation: Sendable {
    public let client: AuthenticatedClient
    public let component: Component
    let baseURL: String

    public init(client: AuthenticatedClient, component: Component, baseURL: String) {
        self.client = client
        self.component = component
        self.baseURL = baseURL
    }

    /// An autorisatie's type URL as the read models store it (ours relative behind the marker).
    func stored(_ url: String) -> String {
        url.hasPrefix(baseURL + "/") ? ResourceURL.local(String(url.dropFirst(baseURL.count))) : url
    }

    /// The type an autorisatie of this component narrows to.
    func type(of autorisatie: Autorisatie) -> String? {
        switch component {
        case .zrc: autorisatie.zaaktype
        case .drc: autorisatie.informatieobjecttype
        case .brc: autorisatie.besluittype
        default: nil
        }
    }

    /// Besluiten have no vertrouwelijkheidaanduiding: their autorisaties narrow by besluittype only.
    var hasVertrouwelijkheid: Bool { component != .brc }

    /// The scopes the client holds for objects of `type` (stored form) with this vertrouwelijkheidaanduiding.
    public func scopes(type objectType: String, vertrouwelijkheid: String) -> Set<String> {
        guard let applicatie = client.applicatie else { return [] }
        let rank = Vertrouwelijkheidaanduiding(rawValue: vertrouwelijkheid)?.rank ?? Int.max
        var scopes = Set<String>()
        for autorisatie in applicatie.autorisaties where autorisatie.component == component {
            // Scopes without a type (audittrails.lezen, …) hold for every object.
            guard let type = type(of: autorisatie) else {
                scopes.formUnion(autorisatie.scopes)
                continue
            }
            if stored(type) == objectType, !hasVertrouwelijkheid || (autorisatie.maxVertrouwelijkheidaanduiding?.rank ?? -1) >= rank {
                scopes.formUnion(autorisatie.scopes)
            }
        }
        return scopes
    }

    public func allows(_ requirement: ScopeRequirement, type: String, vertrouwelijkheid: String) -> Bool {
        client.hasAllAutorisaties || requirement.isSatisfied(by: scopes(type: type, vertrouwelijkheid: vertrouwelijkheid))
    }

    /// 403 `permission_denied` unless `requirement` holds for this object.
    public func require(_ requirement: ScopeRequirement, type: String, vertrouwelijkheid: String) throws(ZGWError) {
        guard allows(requirement, type: type, vertrouwelijkheid: vertrouwelijkheid) else { throw .permissionDenied() }
    }

    /// For filtering in SQL: the (type, highest rank) pairs under which `scope` is held; nil when the client
    /// may see every object.
    public func visible(with scope: String) -> [(type: String, maxRank: Int)]? {
        if client.hasAllAutorisaties { return nil }
        return (client.applicatie?.autorisaties ?? []).compactMap { autorisatie in
            guard autorisatie.component == component, autorisatie.scopes.contains(scope), let type = type(of: autorisatie) else { return nil }
            return (stored(type), hasVertrouwelijkheid ? autorisatie.maxVertrouwelijkheidaanduiding?.rank ?? -1 : Int(Int32.max))
        }
    }
}
