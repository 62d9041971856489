import Foundation

/// A part of a zaaktype with its own URL (statustype, roltype …). Its events live in the zaaktype's stream,
/// so a zaaktype's history is one stream; they are named `<resourceName>.created|updated|deleted`.
public protocol ZaakTypeSubType: NamedResource {
    var uuid: UUID { get set }
    var zaaktype: UUID { get }
}

/// The event names of one sub-type.
public struct SubTypeEvents: Sendable {
    public let created: String
    public let updated: String
    public let deleted: String

    public static func of<T: ZaakTypeSubType>(_ type: T.Type) -> SubTypeEvents {
        SubTypeEvents(created: "\(T.resourceName).created", updated: "\(T.resourceName).updated", deleted: "\(T.resourceName).deleted")
    }

    public var all: [String] { [created, updated, deleted] }
}

/// A status a zaak of the type can have (`StatusType`); the highest `volgnummer` is the end status.
public struct StatusType: ZaakTypeSubType {
    public var uuid: UUID
    public var zaaktype: UUID
    public var omschrijving: String
    public var omschrijvingGeneriek: String = ""
    public var statustekst: String = ""
    public var volgnummer: Int
    public var informeren: Bool = false
    public var doorlooptijd: String?
    public var toelichting: String?
    public var checklistitemStatustype: [CheckListItem] = []
    public var beginGeldigheid: ZGWDate?
    public var eindeGeldigheid: ZGWDate?

    public static let resourceName = "statustype"

    public init(uuid: UUID = UUID(), zaaktype: UUID, omschrijving: String, volgnummer: Int) {
        self.uuid = uuid
        self.zaaktype = zaaktype
        self.omschrijving = omschrijving
        self.volgnummer = volgnummer
    }

    public struct CheckListItem: Codable, Sendable, Equatable {
        public var itemnaam: String
        public var toelichting: String
        public var vraagstelling: String
        public var verplicht: Bool
        public init(itemnaam: String, toelichting: String = "", vraagstelling: String, verplicht: Bool = false) {
            self.itemnaam = itemnaam
            self.toelichting = toelichting
            self.vraagstelling = vraagstelling
            self.verplicht = verplicht
        }
    }
}

/// A role a betrokkene can have in a zaak of the type (`RolType`).
public struct RolType: ZaakTypeSubType {
    public var uuid: UUID
    public var zaaktype: UUID
    public var omschrijving: String
    public var omschrijvingGeneriek: OmschrijvingGeneriek
    public var beginGeldigheid: ZGWDate?
    public var eindeGeldigheid: ZGWDate?

    public static let resourceName = "roltype"

    public init(uuid: UUID = UUID(), zaaktype: UUID, omschrijving: String, omschrijvingGeneriek: OmschrijvingGeneriek) {
        self.uuid = uuid
        self.zaaktype = zaaktype
        self.omschrijving = omschrijving
        self.omschrijvingGeneriek = omschrijvingGeneriek
    }

    public enum OmschrijvingGeneriek: String, Codable, Sendable, CaseIterable {
        case adviseur, behandelaar, belanghebbende, beslisser, initiator, klantcontacter, zaakcoordinator
        case medeInitiator = "mede_initiator"
    }
}

/// Which informatieobjecttype documents of a zaak of the type may have, in which direction
/// (`ZaakTypeInformatieObjectType`).
public struct ZaakTypeInformatieObjectType: ZaakTypeSubType {
    public var uuid: UUID
    public var zaaktype: UUID
    public var informatieobjecttype: UUID
    public var volgnummer: Int
    public var richting: Richting
    public var statustype: UUID?

    public static let resourceName = "zaaktypeinformatieobjecttype"

    public init(uuid: UUID = UUID(), zaaktype: UUID, informatieobjecttype: UUID, volgnummer: Int, richting: Richting, statustype: UUID? = nil) {
        self.uuid = uuid
        self.zaaktype = zaaktype
        self.informatieobjecttype = informatieobjecttype
        self.volgnummer = volgnummer
        self.richting = richting
        self.statustype = statustype
    }

    public enum Richting: String, Codable, Sendable, CaseIterable {
        case inkomend, intern, uitgaand
    }
}
