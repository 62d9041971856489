/// The ten resources of the Catalogi API as Open Zaak's export names them (`ZaakType.json`), with the API
/// collection that serves them and the read-model table that holds them.
public enum CatalogiResource: String, CaseIterable, Sendable, Codable, Comparable {
    case catalogus = "Catalogus"
    case informatieObjectType = "InformatieObjectType"
    case besluitType = "BesluitType"
    case zaakType = "ZaakType"
    case statusType = "StatusType"
    case zaakTypeInformatieObjectType = "ZaakTypeInformatieObjectType"
    case resultaatType = "ResultaatType"
    case rolType = "RolType"
    case eigenschap = "Eigenschap"
    case zaakObjectType = "ZaakObjectType"

    /// `ZaakType.json`.
    public var fileName: String { "\(rawValue).json" }

    /// `zaaktype-informatieobjecttypen`: the path segment under `/catalogi/api/v1/`.
    public var collection: String {
        switch self {
        case .catalogus: "catalogussen"
        case .informatieObjectType: "informatieobjecttypen"
        case .besluitType: "besluittypen"
        case .zaakType: "zaaktypen"
        case .statusType: "statustypen"
        case .zaakTypeInformatieObjectType: "zaaktype-informatieobjecttypen"
        case .resultaatType: "resultaattypen"
        case .rolType: "roltypen"
        case .eigenschap: "eigenschappen"
        case .zaakObjectType: "zaakobjecttypen"
        }
    }

    public var table: String { "catalogi.\(collection.replacingOccurrences(of: "-", with: "_"))" }

    /// True for the sub-types that hang under one zaaktype (and live in its stream).
    public var isZaakTypePart: Bool {
        switch self {
        case .catalogus, .informatieObjectType, .besluitType, .zaakType: false
        default: true
        }
    }

    public init?(collection: String) {
        guard let found = Self.allCases.first(where: { $0.collection == collection }) else { return nil }
        self = found
    }

    /// The fields of this resource that reference other Catalogi resources (our side resolves and validates
    /// them), with the resource each names. Lists and single references alike.
    var references: [(field: String, target: CatalogiResource)] {
        switch self {
        case .catalogus: []
        case .informatieObjectType: [("catalogus", .catalogus)]
        case .besluitType: [("catalogus", .catalogus), ("informatieobjecttypen", .informatieObjectType)]
        case .zaakType: [("catalogus", .catalogus), ("besluittypen", .besluitType), ("deelzaaktypen", .zaakType)]
        case .statusType, .rolType: [("zaaktype", .zaakType)]
        case .zaakTypeInformatieObjectType: [("zaaktype", .zaakType), ("informatieobjecttype", .informatieObjectType), ("statustype", .statusType)]
        case .resultaatType: [("zaaktype", .zaakType), ("besluittypen", .besluitType), ("informatieobjecttypen", .informatieObjectType)]
        case .eigenschap, .zaakObjectType: [("zaaktype", .zaakType), ("statustype", .statusType)]
        }
    }

    /// The order Open Zaak's importer reads the files in; also the order we write them and break ties in.
    var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: CatalogiResource, rhs: CatalogiResource) -> Bool { lhs.rank < rhs.rank }
}
