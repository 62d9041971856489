import ContentStore
import Domain
import EventStore
import HTTPTypes
import Hummingbird
import Logging
import Notifier
import PostgresNIO
import Prometheus
import Projections
import CommandAPI
import QueryAPI
import ZGWHTTP

/// What the HTTP layer needs from the rest of the server.
public struct ServerDependencies: Sendable {
    public let configuration: ServerConfiguration
    public let store: EventStore
    public let registry: ApplicatieRegistry
    public let logger: Logger
    /// Serves the built-in Notificaties API when given (and `configuration.notifier.builtIn`).
    public let notifier: Notifier?
    /// Served at `/metrics` when given.
    public let metrics: PrometheusCollectorRegistry?
    /// Document bytes (the configured content folder unless given).
    public let contents: any ContentStore

    public init(
        configuration: ServerConfiguration, store: EventStore, registry: ApplicatieRegistry, logger: Logger, notifier: Notifier? = nil,
        metrics: PrometheusCollectorRegistry? = nil, contents: (any ContentStore)? = nil
    ) throws {
        self.configuration = configuration
        self.store = store
        self.registry = registry
        self.logger = logger
        self.notifier = notifier
        self.metrics = metrics
        self.contents = try contents ?? FileSystemContentStore(directory: configuration.contentDirectory)
    }
}

/// The resource collections each API serves so far (listed at its root).
let resources: [ZGWAPI: [String]] = [
    .besluiten: ["besluiten", "besluitinformatieobjecten"],
    .documenten: ["enkelvoudiginformatieobjecten", "gebruiksrechten", "objectinformatieobjecten", "verzendingen"],
    .zaken: ["klantcontacten", "resultaten", "rollen", "statussen", "zaakcontactmomenten", "zaakinformatieobjecten", "zaakobjecten", "zaakverzoeken", "zaken"],
    .catalogi: ["besluittypen", "catalogussen", "eigenschappen", "informatieobjecttypen", "resultaattypen", "roltypen", "zaakobjecttypen", "statustypen", "zaaktype-informatieobjecttypen", "zaaktypen"],
    .autorisaties: ["applicaties"], .notificaties: Notifier.resources,
]

/// The methods of each Catalogi path, as catalogi-1.3.1 has them; other methods answer 405.
let catalogiMethods: [(String, [HTTPRequest.Method])] = {
    let types = ["informatieobjecttypen", "besluittypen", "zaaktypen"]
    let subTypes = ["statustypen", "roltypen", "eigenschappen", "zaakobjecttypen", "resultaattypen", "zaaktype-informatieobjecttypen"]
    var methods: [(String, [HTTPRequest.Method])] = [("catalogussen", [.get, .post]), ("catalogussen/:uuid", [.get, .head])]
    for collection in types + subTypes {
        methods.append((collection, [.get, .post]))
        methods.append(("\(collection)/:uuid", [.get, .head, .put, .patch, .delete]))
    }
    methods += types.map { ("\($0)/:uuid/publish", [.post]) }
    methods += [("x-import", [.post]), ("catalogussen/:uuid/x-export", [.get])]
    return methods
}()

/// The methods of each Zaken path, as zaken-1.5.1 (VNG) has them; other methods answer 405.
let zakenMethods: [(String, [HTTPRequest.Method])] = [
    ("zaken", [.get, .post]), ("zaken/_zoek", [.post]), ("zaken/:uuid", [.get, .head, .put, .patch, .delete]),
    ("zaken/:uuid/audittrail", [.get]), ("zaken/:uuid/audittrail/:sub", [.get]), ("zaken/:uuid/x-historie", [.get]),
    ("zaken/:uuid/zaakeigenschappen", [.get, .post]), ("zaken/:uuid/zaakeigenschappen/:sub", [.get, .head, .put, .patch, .delete]),
    ("zaken/:uuid/besluiten", [.get, .post]), ("zaken/:uuid/besluiten/:sub", [.get, .head, .delete]),
    ("statussen", [.get, .post]), ("statussen/:uuid", [.get, .head]),
    ("resultaten", [.get, .post]), ("resultaten/:uuid", [.get, .head, .put, .patch, .delete]),
    ("rollen", [.get, .post]), ("rollen/:uuid", [.get, .head, .delete]),
    ("zaakobjecten", [.get, .post]), ("zaakobjecten/:uuid", [.get, .head, .put, .patch, .delete]),
    ("zaakinformatieobjecten", [.get, .post]), ("zaakinformatieobjecten/:uuid", [.get, .head, .put, .patch, .delete]),
    ("klantcontacten", [.get, .post]), ("klantcontacten/:uuid", [.get, .head]),
    ("zaakcontactmomenten", [.get, .post]), ("zaakcontactmomenten/:uuid", [.get, .head, .delete]),
    ("zaakverzoeken", [.get, .post]), ("zaakverzoeken/:uuid", [.get, .head, .delete]),
]

/// The methods of each Documenten path, as documenten-1.4.2 (VNG) has them; other methods answer 405.
let documentenMethods: [(String, [HTTPRequest.Method])] = [
    ("enkelvoudiginformatieobjecten", [.get, .post]), ("enkelvoudiginformatieobjecten/_zoek", [.post]),
    ("enkelvoudiginformatieobjecten/:uuid", [.get, .head, .put, .patch, .delete]), ("enkelvoudiginformatieobjecten/:uuid/download", [.get]),
    ("enkelvoudiginformatieobjecten/:uuid/lock", [.post]), ("enkelvoudiginformatieobjecten/:uuid/unlock", [.post]),
    ("enkelvoudiginformatieobjecten/:uuid/audittrail", [.get]), ("enkelvoudiginformatieobjecten/:uuid/audittrail/:sub", [.get]),
    ("bestandsdelen/:uuid", [.put]),
    ("gebruiksrechten", [.get, .post]), ("gebruiksrechten/:uuid", [.get, .head, .put, .patch, .delete]),
    ("objectinformatieobjecten", [.get, .post]), ("objectinformatieobjecten/:uuid", [.get, .head, .delete]),
    ("verzendingen", [.get, .post]), ("verzendingen/:uuid", [.get, .head, .put, .patch, .delete]),
]

/// The methods of each Besluiten path, as besluiten-1.1.0 has them; other methods answer 405.
let besluitenMethods: [(String, [HTTPRequest.Method])] = [
    ("besluiten", [.get, .post]), ("besluit_verwerken", [.post]), ("besluiten/:uuid", [.get, .head, .put, .patch, .delete]),
    ("besluiten/:uuid/audittrail", [.get]), ("besluiten/:uuid/audittrail/:sub", [.get]),
    ("besluitinformatieobjecten", [.get, .post]), ("besluitinformatieobjecten/:uuid", [.get, .head, .delete]),
]

/// The methods of the Autorisaties paths, as autorisaties-1.0.0 has them; other methods answer 405.
let autorisatiesMethods: [(String, [HTTPRequest.Method])] = [("applicaties", [.get, .post]), ("applicaties/:uuid", [.get, .put, .patch, .delete])]

/// The methods of the built-in Notificaties API's paths; other methods answer 405.
let notificatiesMethods: [(String, [HTTPRequest.Method])] = [
    ("kanaal", [.get, .post]), ("kanaal/:uuid", [.get, .put, .patch]), ("abonnement", [.get, .post]), ("abonnement/:uuid", [.get, .put, .patch, .delete]),
    ("notificaties", [.post]), ("x-deliveries", [.get]), ("x-deliveries/requeue", [.post]),
]

/// The method table of each API (what `refuseOtherMethods` answers 405 for).
let methodTables: [ZGWAPI: [(String, [HTTPRequest.Method])]] = [
    .zaken: zakenMethods, .documenten: documentenMethods, .besluiten: besluitenMethods, .catalogi: catalogiMethods,
    .autorisaties: autorisatiesMethods, .notificaties: notificatiesMethods,
]

func refuseOtherMethods(_ methods: [(String, [HTTPRequest.Method])], on group: RouterGroup<ZGWRequestContext>) {
    for (path, allowed) in methods { MethodNotAllowed.register(on: group, path: path, allowed: allowed) }
}

/// Builds the router: the ZGW conventions as middleware (access log with request id, `API-version`,
/// problem+json errors), health checks, and the API roots behind JWT authentication.
public func buildRouter(_ dependencies: ServerDependencies) -> Router<ZGWRequestContext> {
    let configuration = dependencies.configuration
    let router = Router(context: ZGWRequestContext.self)
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: APIVersionMiddleware())
    router.add(middleware: ProblemMiddleware(baseURL: configuration.publicBaseURL))

    HealthController(
        client: dependencies.store.client, migrations: MigrationRunner(migrations: ReadModels.migrations), logger: dependencies.logger
    ).addRoutes(to: router)
    if let metrics = dependencies.metrics { MetricsController(registry: metrics).addRoutes(to: router) }

    let verifier = ZGWTokenVerifier(expiry: .seconds(configuration.jwtExpiry), leeway: .seconds(configuration.jwtLeeway))
    let baseURL = configuration.publicBaseURL
    let store = dependencies.store
    let notifier = configuration.notifier.builtIn ? dependencies.notifier : nil
    for api in ZGWAPI.allCases where api != .notificaties || notifier != nil {
        let group = router.group(RouterPath(api.root)).add(middleware: JWTAuthMiddleware(verifier: verifier, registry: dependencies.registry))
        APIRootController(api: api, baseURL: baseURL, resources: resources[api] ?? []).addRoutes(to: group)
        switch api {
        case .zaken:
            ZakenQueryController(store: store, baseURL: baseURL, logger: dependencies.logger).addRoutes(to: group)
            ZakenCommandController(store: store, baseURL: baseURL, outbound: configuration.outboundCalls).addRoutes(to: group)
            refuseOtherMethods(zakenMethods, on: group)
        case .documenten:
            DocumentenQueryController(store: store, baseURL: baseURL, logger: dependencies.logger, contents: dependencies.contents).addRoutes(to: group)
            DocumentenCommandController(
                store: store, baseURL: baseURL, contents: dependencies.contents, chunkSize: configuration.uploadChunkSize, outbound: configuration.outboundCalls
            ).addRoutes(to: group)
            refuseOtherMethods(documentenMethods, on: group)
        case .besluiten:
            BesluitenQueryController(store: store, baseURL: baseURL, logger: dependencies.logger).addRoutes(to: group)
            BesluitenCommandController(store: store, baseURL: baseURL, outbound: configuration.outboundCalls).addRoutes(to: group)
            refuseOtherMethods(besluitenMethods, on: group)
        case .catalogi:
            CatalogiQueryControllers.addRoutes(to: group, client: store.client, baseURL: baseURL, logger: dependencies.logger)
            let commands = CatalogiCommandSet(
                store: store, selectielijst: SelectielijstClient(
                    baseURL: configuration.selectielijstURL, outboundGuard: OutboundGuard(policy: configuration.outboundPolicy),
                    own: OwnResources(client: store.client, baseURL: baseURL, logger: dependencies.logger)))
            CatalogiCommandControllers.addRoutes(to: group, commands: commands, baseURL: baseURL)
            CatalogiExchangeController(store: store, commands: commands, baseURL: baseURL).addRoutes(to: group)
            refuseOtherMethods(catalogiMethods, on: group)
        case .autorisaties:
            ApplicatiesQueryController(client: store.client, baseURL: baseURL, logger: dependencies.logger).addRoutes(to: group)
            ApplicatiesCommandController(store: store, baseURL: baseURL).addRoutes(to: group)
            refuseOtherMethods(autorisatiesMethods, on: group)
        case .notificaties:
            notifier?.addRoutes(to: group)
            refuseOtherMethods(notificatiesMethods, on: group)
        default:
            break
        }
    }
    // Last: each document describes the routes registered above.
    for api in ZGWAPI.allCases where api != .notificaties || notifier != nil {
        let document = OpenAPIDocument(api: api, baseURL: baseURL, served: servedRoutes(of: router, api: api))
        SchemaDocumentController(document: document).addRoutes(to: router)
    }
    return router
}

/// The routes `router` serves under `api`'s root: every registered route but the 405 refusals of its method table.
public func servedRoutes(of router: Router<ZGWRequestContext>, api: ZGWAPI) -> Set<ServedRoute> {
    var refused: Set<ServedRoute> = []
    for (path, allowed) in methodTables[api] ?? [] {
        for method in MethodNotAllowed.refused(allowed: allowed) {
            if let method = APIOperation.Method(rawValue: method.rawValue.lowercased()) { refused.insert(ServedRoute(path: path, method: method)) }
        }
    }
    var served: Set<ServedRoute> = []
    for route in router.routes {
        let path = route.path.description
        guard path == api.root || path.hasPrefix(api.root + "/"),
            let method = APIOperation.Method(rawValue: route.method.rawValue.lowercased())
        else { continue }
        let route = ServedRoute(path: String(path.dropFirst(api.root.count)), method: method)
        if !refused.contains(route) { served.insert(route) }
    }
    return served
}
