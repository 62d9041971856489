import Hummingbird
import Metrics
import Prometheus
import ZGWHTTP

/// `GET /metrics`: every swift-metrics metric of the process (the notifier's among them) in Prometheus' text
/// format, without authentication, like the health checks.
struct MetricsController: Sendable {
    let registry: PrometheusCollectorRegistry

    /// Makes the registry the process's metrics backend. Once per process (swift-metrics allows one bootstrap).
    static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(5), .seconds(30), .seconds(300), .seconds(3600),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }

    func addRoutes(to router: Router<ZGWRequestContext>) {
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
