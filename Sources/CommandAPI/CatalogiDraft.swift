import Domain
import Foundation

/// One Catalogi object parsed and validated as a POST would have it, not yet written (the catalogi import's
/// unit of work).
public enum CatalogiDraft: Sendable, Equatable {
    case catalogus(Catalogus)
    case informatieobjecttype(InformatieObjectType)
    case besluittype(BesluitType)
    case zaaktype(ZaakType)
    case statustype(StatusType)
    case roltype(RolType)
    case zaaktypeInformatieobjecttype(ZaakTypeInformatieObjectType)
    case resultaattype(ResultaatType)
    case eigenschap(Eigenschap)
    case zaakobjecttype(ZaakObjectType)

    public var uuid: UUID {
        get {
            switch self {
            case .catalogus(let value): value.uuid
            case .informatieobjecttype(let value): value.uuid
            case .besluittype(let value): value.uuid
            case .zaaktype(let value): value.uuid
            case .statustype(let value): value.uuid
            case .roltype(let value): value.uuid
            case .zaaktypeInformatieobjecttype(let value): value.uuid
            case .resultaattype(let value): value.uuid
            case .eigenschap(let value): value.uuid
            case .zaakobjecttype(let value): value.uuid
            }
        }
        set {
            switch self {
            case .catalogus(var value): value.uuid = newValue; self = .catalogus(value)
            case .informatieobjecttype(var value): value.uuid = newValue; self = .informatieobjecttype(value)
            case .besluittype(var value): value.uuid = newValue; self = .besluittype(value)
            case .zaaktype(var value): value.uuid = newValue; self = .zaaktype(value)
            case .statustype(var value): value.uuid = newValue; self = .statustype(value)
            case .roltype(var value): value.uuid = newValue; self = .roltype(value)
            case .zaaktypeInformatieobjecttype(var value): value.uuid = newValue; self = .zaaktypeInformatieobjecttype(value)
            case .resultaattype(var value): value.uuid = newValue; self = .resultaattype(value)
            case .eigenschap(var value): value.uuid = newValue; self = .eigenschap(value)
            case .zaakobjecttype(var value): value.uuid = newValue; self = .zaakobjecttype(value)
            }
        }
    }

    /// The zaaktype a sub-type belongs to; nil for catalogussen and the catalogus types.
    public var zaaktype: UUID? {
        switch self {
        case .catalogus, .informatieobjecttype, .besluittype, .zaaktype: nil
        case .statustype(let value): value.zaaktype
        case .roltype(let value): value.zaaktype
        case .zaaktypeInformatieobjecttype(let value): value.zaaktype
        case .resultaattype(let value): value.zaaktype
        case .eigenschap(let value): value.zaaktype
        case .zaakobjecttype(let value): value.zaaktype
        }
    }
}
