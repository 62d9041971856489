/// The ZGW components an autorisatie can be for (`ComponentEnum` in the Autorisaties API).
public enum Component: String, Codable, Sendable, CaseIterable {
    case ac, nrc, zrc, ztc, drc, brc, cmc, kc, vrc

    /// `componentWeergave`.
    public var weergave: String {
        switch self {
        case .ac: "Autorisaties API"
        case .nrc: "Notificaties API"
        case .zrc: "Zaken API"
        case .ztc: "Catalogi API"
        case .drc: "Documenten API"
        case .brc: "Besluiten API"
        case .cmc: "Contactmomenten API"
        case .kc: "Klanten API"
        case .vrc: "Verzoeken API"
        }
    }
}
