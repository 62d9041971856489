import ArgumentParser
import Foundation
import Notifier

/// The notifier's flags of `serve`; each falls back to its environment variable.
struct NotifierOptions: ParsableArguments {
    @Option(name: .customLong("notificaties-builtin"), help: "Serve the built-in Notificaties API and deliver to its abonnementen: true or false (env ZAAKSTROOM_NOTIFICATIES_BUILTIN; default true).")
    var builtIn: Bool?

    @Option(name: .customLong("notificaties-url"), help: "Also forward every message to this external Notificaties API root, e.g. https://nrc.example.nl/api/v1 (env ZAAKSTROOM_NOTIFICATIES_URL).")
    var url: String?

    @Option(name: .customLong("notificaties-client-id"), help: "Client id of the JWT for the external Notificaties API (env ZAAKSTROOM_NOTIFICATIES_CLIENT_ID).")
    var clientID: String?

    @Option(name: .customLong("notificaties-secret"), help: "Secret of the JWT for the external Notificaties API (env ZAAKSTROOM_NOTIFICATIES_SECRET).")
    var secret: String?

    @Option(name: .customLong("notificaties-retry-hours"), help: "Hours a failing delivery is retried before it is dead (env ZAAKSTROOM_NOTIFICATIES_RETRY_HOURS; default 48, at least 24 advised).")
    var retryHours: Double?

    @Option(name: .customLong("notificaties-concurrency"), help: "Deliveries in flight per instance (env ZAAKSTROOM_NOTIFICATIES_CONCURRENCY; default 32).")
    var concurrency: Int?

    @Option(name: .customLong("notificaties-per-subscriber"), help: "Deliveries in flight per subscriber (env ZAAKSTROOM_NOTIFICATIES_PER_SUBSCRIBER; default 8).")
    var perSubscriber: Int?

    func configuration(environment: [String: String]) throws -> NotifierConfiguration {
        func value<T: LosslessStringConvertible>(_ flag: T?, _ key: String, _ fallback: T) throws -> T {
            if let flag { return flag }
            guard let text = environment[key], !text.isEmpty else { return fallback }
            guard let value = T(text) else { throw ValidationError("\(key) has an invalid value: \(text)") }
            return value
        }
        var configuration = NotifierConfiguration()
        configuration.builtIn = try value(builtIn, "ZAAKSTROOM_NOTIFICATIES_BUILTIN", true)
        configuration.concurrency = max(1, try value(concurrency, "ZAAKSTROOM_NOTIFICATIES_CONCURRENCY", 32))
        configuration.perSubscriber = max(1, try value(perSubscriber, "ZAAKSTROOM_NOTIFICATIES_PER_SUBSCRIBER", 8))
        let hours = try value(retryHours, "ZAAKSTROOM_NOTIFICATIES_RETRY_HOURS", 48.0)
        configuration.retry.window = .seconds(max(0, hours) * 3600)
        if let url = url ?? environment["ZAAKSTROOM_NOTIFICATIES_URL"], !url.isEmpty {
            guard let clientID = clientID ?? environment["ZAAKSTROOM_NOTIFICATIES_CLIENT_ID"],
                let secret = secret ?? environment["ZAAKSTROOM_NOTIFICATIES_SECRET"]
            else { throw ValidationError("--notificaties-url needs --notificaties-client-id and --notificaties-secret") }
            configuration.external = ExternalNotificatiesAPI(url: url, clientID: clientID, secret: secret)
        }
        return configuration
    }
}
