/// The APIs this server implements: where each is mounted and which version of the standard it serves.
public enum ZGWAPI: String, CaseIterable, Sendable {
    case zaken, documenten, catalogi, besluiten, autorisaties, notificaties

    /// The mount point, e.g. `/zaken/api/v1`.
    public var root: String { "/\(rawValue)/api/v1" }

    /// The value of the `API-version` header.
    public var version: String {
        switch self {
        case .zaken: "1.5.1"
        case .documenten: "1.4.2"
        case .catalogi: "1.3.1"
        case .besluiten: "1.1.0"
        case .autorisaties: "1.0.0"
        case .notificaties: "1.0.0"
        }
    }

    /// The component code used in autorisaties and audit trails.
    public var component: String {
        switch self {
        case .zaken: "zrc"
        case .documenten: "drc"
        case .catalogi: "ztc"
        case .besluiten: "brc"
        case .autorisaties: "ac"
        case .notificaties: "nrc"
        }
    }

    /// The API a request path belongs to, if any.
    public static func containing(path: String) -> ZGWAPI? {
        allCases.first { path == $0.root || path.hasPrefix($0.root + "/") }
    }
}
