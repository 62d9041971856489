import EventStore
import Hummingbird
import Logging
import ServiceLifecycle
import ZGWHTTP

/// The notifier of one server instance: the log tail, one delivery worker, and the built-in Notificaties
/// API's routes, wired so that queued work wakes the local worker at once.
public struct Notifier: Sendable {
    public let configuration: NotifierConfiguration
    public let queue: DeliveryQueue
    public let tail: NotificationTail
    public let worker: DeliveryWorker
    let kanalen: KanaalStore
    let abonnementen: AbonnementStore
    let baseURL: String

    public init(store: EventStore, baseURL: String, configuration: NotifierConfiguration) {
        self.configuration = configuration
        self.baseURL = baseURL
        queue = DeliveryQueue(client: store.client, logger: store.logger)
        let worker = DeliveryWorker(queue: queue, configuration: configuration, logger: store.logger)
        self.worker = worker
        tail = NotificationTail(store: store, baseURL: baseURL, configuration: configuration, onQueued: { worker.wake() })
        kanalen = KanaalStore(client: store.client, logger: store.logger)
        abonnementen = AbonnementStore(client: store.client, logger: store.logger)
    }

    /// The background services: the tail first, so it stops after the worker has.
    public var services: [any Service] { [tail, worker] }

    /// Registers the standard kanalen (idempotent); run at start-up after the migrations.
    public func prepare() async throws {
        try await kanalen.registerStandard()
    }

    /// The built-in Notificaties API under its root group, and the operators' delivery endpoints.
    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        let worker = worker
        KanaalController(kanalen: kanalen, baseURL: baseURL).addRoutes(to: group)
        AbonnementController(
            abonnementen: abonnementen, kanalen: kanalen, baseURL: baseURL, sender: CallbackSender(timeout: .seconds(5), policy: configuration.outbound)
        ).addRoutes(to: group)
        NotificatiesController(kanalen: kanalen, queue: queue, onQueued: { worker.wake() }).addRoutes(to: group)
        DeliveriesController(queue: queue, onQueued: { worker.wake() }).addRoutes(to: group)
    }

    /// The collections listed at the API root.
    public static let resources = ["abonnement", "kanaal", "notificaties"]
}
