/// The ZGW components an autorisatie can be for (`ComponentEnum` in the Autorisaties API).
public enum Component: String, Codable, Sendable, CaseIterable {
    case ac, nrc, zrc, ztc, drc, brc
}
