/// The generated tables of each API (`scripts/generate-tables.sh`): the operations it serves and its object schemas.
extension ZGWAPI {
    public var title: String {
        switch self {
        case .zaken: "Zaken API"
        case .documenten: "Documenten API"
        case .catalogi: "Catalogi API"
        case .besluiten: "Besluiten API"
        case .autorisaties: "Autorisaties API"
        case .notificaties: "Notificaties API"
        }
    }

    public var operations: [APIOperation] {
        switch self {
        case .zaken: APIOperation.zaken
        case .documenten: APIOperation.documenten
        case .catalogi: APIOperation.catalogi
        case .besluiten: APIOperation.besluiten
        case .autorisaties: APIOperation.autorisaties
        case .notificaties: APIOperation.notificaties
        }
    }

    public var schemas: SchemaCatalog {
        switch self {
        case .zaken: .zaken
        case .documenten: .documenten
        case .catalogi: .catalogi
        case .besluiten: .besluiten
        case .autorisaties: .autorisaties
        case .notificaties: .notificaties
        }
    }
}
