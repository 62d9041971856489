import Domain
import Foundation
import Logging
import PostgresNIO

/// What one client may do with the objects of one component (zaken, documenten, besluiten), per type
/// (zaaktype, informatieobjecttype, besluittype) and up to a maximum vertrouwelijkheidaanduiding, or
/// everything with `heeftAlleAutorisaties`. Sub-resources follow their main object.
public struct TypeAuthorisation: Sendable {
    public let client: AuthenticatedClient
    public let component: Component
    let baseURL: String
    /// The client's autorisaties, with those for a whole catalogus expanded to its types (see `resolve`).
    let autorisaties: [Autorisatie]

    public init(client: AuthenticatedClient, component: Component, baseURL: String) {
        self.client = client
        self.component = component
        self.baseURL = baseURL
        self.autorisaties = client.applicatie?.autorisaties ?? []
    }

    init(client: AuthenticatedClient, component: Component, baseURL: String, autorisaties: [Autorisatie]) {
        self.client = client
        self.component = component
        self.baseURL = baseURL
        self.autorisaties = autorisaties
    }

    /// The client's authorisation for `component`, with every autorisatie for a whole catalogus turned into one
    /// per type the catalogus holds now (so types and versions made later are included). Costs one query, and
    /// only for clients that have catalogus autorisaties.
    public static func resolve(
        client: AuthenticatedClient, component: Component, baseURL: String, database: PostgresClient, logger: Logger
    ) async throws -> TypeAuthorisation {
        let plain = TypeAuthorisation(client: client, component: component, baseURL: baseURL)
        let byCatalogus = plain.autorisaties.filter { $0.component == component && $0.catalogus != nil }
        guard !byCatalogus.isEmpty, let collection = typeCollection(component) else { return plain }
        var expanded = plain.autorisaties.filter { $0.component != component || $0.catalogus == nil }
        for autorisatie in byCatalogus {
            guard let uuid = ResourceURL.uuid(in: plain.stored(autorisatie.catalogus ?? ""), api: .catalogi, collection: "catalogussen") else { continue }
            let rows = try await database.query(
                PostgresQuery(unsafeSQL: "SELECT uuid FROM catalogi.\(collection) WHERE catalogus = $1", binds: .of(uuid)), logger: logger)
            for try await type in rows.decode(UUID.self) {
                var single = autorisatie
                single.catalogus = nil
                let url = ResourceURL.local("\(ZGWAPI.catalogi.root)/\(collection)/\(type.lowercased)")
                switch component {
                case .zrc: single.zaaktype = url
                case .drc: single.informatieobjecttype = url
                default: single.besluittype = url
                }
                expanded.append(single)
            }
        }
        return TypeAuthorisation(client: client, component: component, baseURL: baseURL, autorisaties: expanded)
    }

    static func typeCollection(_ component: Component) -> String? {
        switch component {
        case .zrc: "zaaktypen"
        case .drc: "informatieobjecttypen"
        case .brc: "besluittypen"
        default: nil
        }
    }

    /// An autorisatie's type URL as the read models store it (ours relative behind the marker).
    func stored(_ url: String) -> String {
        ResourceURL.stored(url, baseURL: baseURL)
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
        guard client.applicatie != nil else { return [] }
        let rank = Vertrouwelijkheidaanduiding(rawValue: vertrouwelijkheid)?.rank ?? Int.max
        var scopes = Set<String>()
        for autorisatie in autorisaties where autorisatie.component == component {
            // Scopes without a type (audittrails.lezen, …) hold for every object; an unexpanded catalogus none.
            guard autorisatie.catalogus == nil else { continue }
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
        return autorisaties.compactMap { autorisatie in
            guard autorisatie.component == component, autorisatie.scopes.contains(scope), let type = type(of: autorisatie) else { return nil }
            return (stored(type), hasVertrouwelijkheid ? autorisatie.maxVertrouwelijkheidaanduiding?.rank ?? -1 : Int(Int32.max))
        }
    }
}
