import ArgumentParser
import BenchmarkSupport
import Foundation
import Logging
import Notifier

/// The notifier over real HTTP on 127.0.0.1: the real server (notifier wired as `zaakstroom serve` wires it, default
/// settings) on a private PostgreSQL, and one local webhook subscribed to kanaal `zaken` through the built-in
/// Notificaties API. Measures commit-to-webhook delay at a steady rate of zaak creations through the Zaken API,
/// then delivery throughput of a backlog of events appended straight to the event store.
@main
struct NotifierBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "NotifierBenchmark", abstract: "Notifier delay and throughput.")

    @Option(help: "Zaak creations per second in the delay scenario.") var rate = 200
    @Option(help: "How long the delay scenario creates zaken.") var seconds = 10
    @Option(help: "Messages in the throughput scenario.") var messages = 5000

    func run() async throws {
        let rate = rate, seconds = seconds, messages = messages
        // The server's defaults (what `serve` runs without --notificaties-* options).
        let configuration = NotifierConfiguration()
        var logger = Logger(label: "webhook")
        logger.logLevel = .critical
        try await BenchmarkServer.run(notifier: configuration) { server in
            try await WebhookReceiver.run(logger: logger) { receiver in
                // The abonnement check POSTs a test message to the webhook first; the receiver answers it 204.
                _ = try await server.api.post(
                    "/notificaties/api/v1/abonnement", #"{"callbackUrl": "\#(receiver.url)", "auth": "Bearer abonnee", "kanalen": [{"naam": "zaken"}]}"#)
                print("\(ProcessInfo.processInfo.activeProcessorCount) cores; \(rate) zaken/s for \(seconds) s; \(messages) messages")
                try await DelayScenario(api: server.api, receiver: receiver, rate: rate, seconds: seconds).run()
                try await ThroughputScenario(store: server.store, receiver: receiver, configuration: configuration, messages: messages).run()
            }
        }
    }
}
