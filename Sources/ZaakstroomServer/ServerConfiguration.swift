import CommandAPI
import Domain
import Foundation
import Logging
import Notifier

/// Everything the server is configured with. Each setting comes from a CLI flag, else an environment variable,
/// else its default:
///
/// | setting | flag | env | default |
/// |---|---|---|---|
/// | database | — | `DATABASE_URL` | none: run an embedded PostgreSQL |
/// | data folder | `--data-dir` | `ZAAKSTROOM_DATA_DIR` | `./zaakstroom-data` |
/// | document content folder | — | `ZAAKSTROOM_CONTENT_DIR` | `<data folder>/content` |
/// | bestandsdelen size (bytes) | — | `ZAAKSTROOM_UPLOAD_CHUNK_SIZE` | `4294967296` (4 GiB, as Open Zaak) |
/// | host | `--host` | `ZAAKSTROOM_HOST` | `127.0.0.1` |
/// | port | `--port` | `ZAAKSTROOM_PORT` | `8000` |
/// | public base URL | `--public-url` | `ZAAKSTROOM_PUBLIC_URL` | `http://<host>:<port>` |
/// | log level | `--log-level` | `ZAAKSTROOM_LOG_LEVEL` | `info` |
/// | JWT validity after `iat` (s) | `--jwt-expiry` | `ZAAKSTROOM_JWT_EXPIRY` | `3600` |
/// | JWT clock leeway (s) | `--jwt-leeway` | `ZAAKSTROOM_JWT_LEEWAY` | `30` |
/// | Selectielijst API | `--selectielijst-url` | `ZAAKSTROOM_SELECTIELIJST_URL` | `https://selectielijst.openzaak.nl/api/v1` |
/// | applicaties file applied at start-up | `--applicaties-file` | `ZAAKSTROOM_APPLICATIES_FILE` | none |
/// | notifier (built-in API, external API, retries) | `--notificaties-*` | `ZAAKSTROOM_NOTIFICATIES_*` | built-in on, no external |
/// | other hosts the server may call (`*`: any, unsafe) | — | `ZAAKSTROOM_OUTBOUND_HOSTS` | none |
/// | credentials for other ZGW APIs | — | `ZAAKSTROOM_EXTERNAL_SERVICES` (JSON file) | none |
public struct ServerConfiguration: Sendable {
    public var databaseURL: String?
    public var dataDirectory: String
    public var host: String
    public var port: Int
    public var publicBaseURL: String
    public var logLevel: Logger.Level
    public var jwtExpiry: Int
    public var jwtLeeway: Int
    public var selectielijstURL: String
    public var applicatiesFile: String?
    public var notifier: NotifierConfiguration
    /// Where document bytes are stored (content-addressed).
    public var contentDirectory: String
    /// The size of the bestandsdelen a large document is uploaded in.
    public var uploadChunkSize: Int64
    /// Hosts the operator allows outbound calls to beyond the configured services (`*`: any host, unsafe).
    /// Given to `init`, which derives the notifier's webhook policy from it.
    public var outboundHosts: [String]
    /// Other ZGW APIs with the credentials to call them.
    public var externalServices: ExternalServices

    public init(
        databaseURL: String? = nil, dataDirectory: String = "./zaakstroom-data", host: String = "127.0.0.1", port: Int = 8000,
        publicBaseURL: String? = nil, logLevel: Logger.Level = .info, jwtExpiry: Int = 3600, jwtLeeway: Int = 30,
        selectielijstURL: String = "https://selectielijst.openzaak.nl/api/v1", applicatiesFile: String? = nil,
        notifier: NotifierConfiguration = NotifierConfiguration(), contentDirectory: String? = nil, uploadChunkSize: Int64 = 4 << 30,
        outboundHosts: [String] = [], externalServices: ExternalServices = ExternalServices(services: [])
    ) {
        self.databaseURL = databaseURL
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        let shownHost = host == "0.0.0.0" || host == "::" ? "localhost" : host
        var base = publicBaseURL ?? "http://\(shownHost):\(port)"
        while base.hasSuffix("/") { base.removeLast() }
        self.publicBaseURL = base
        self.logLevel = logLevel
        self.jwtExpiry = jwtExpiry
        self.jwtLeeway = jwtLeeway
        self.selectielijstURL = selectielijstURL
        self.applicatiesFile = applicatiesFile
        self.notifier = notifier
        self.contentDirectory = contentDirectory ?? dataDirectory + "/content"
        self.uploadChunkSize = uploadChunkSize
        self.outboundHosts = outboundHosts
        self.externalServices = externalServices
        self.notifier.outbound = outboundPolicy
    }

    /// Where the server may send requests: the hosts of the services configured here (Selectielijst, external
    /// ZGW APIs, external Notificaties API) and `outboundHosts`. Our own URLs are resolved in process.
    public var outboundPolicy: OutboundPolicy {
        OutboundPolicy.configured(
            serviceURLs: [selectielijstURL] + externalServices.apiRoots + [notifier.external?.url].compactMap { $0 }, hosts: outboundHosts)
    }

    /// What the command side calls other services with.
    public var outboundCalls: OutboundCalls {
        OutboundCalls(policy: outboundPolicy, services: externalServices)
    }
}
