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

/// A property zaken of the type carry (`Eigenschap`), with its value's specification.
public struct Eigenschap: ZaakTypeSubType {
    public var uuid: UUID
    public var zaaktype: UUID
    public var naam: String
    public var definitie: String
    public var specificatie: Specificatie
    public var toelichting: String = ""
    public var statustype: UUID?
    public var beginGeldigheid: ZGWDate?
    public var eindeGeldigheid: ZGWDate?

    public static let resourceName = "eigenschap"

    public init(uuid: UUID = UUID(), zaaktype: UUID, naam: String, definitie: String, specificatie: Specificatie) {
        self.uuid = uuid
        self.zaaktype = zaaktype
        self.naam = naam
        self.definitie = definitie
        self.specificatie = specificatie
    }

    /// `EigenschapSpecificatie`: format, length, cardinality and allowed values.
    public struct Specificatie: Codable, Sendable, Equatable {
        public var groep: String
        public var formaat: Formaat
        public var lengte: String
        public var kardinaliteit: String
        public var waardenverzameling: [String]
        public init(groep: String = "", formaat: Formaat, lengte: String, kardinaliteit: String, waardenverzameling: [String] = []) {
            self.groep = groep
            self.formaat = formaat
            self.lengte = lengte
            self.kardinaliteit = kardinaliteit
            self.waardenverzameling = waardenverzameling
        }
    }

    public enum Formaat: String, Codable, Sendable, CaseIterable {
        case tekst, getal, datum
        case datumTijd = "datum_tijd"
    }
}

/// A kind of object zaken of the type relate to (`ZaakObjectType`).
public struct ZaakObjectType: ZaakTypeSubType {
    public var uuid: UUID
    public var zaaktype: UUID
    public var anderObjecttype: Bool
    public var objecttype: String
    public var relatieOmschrijving: String
    public var statustype: UUID?
    public var beginGeldigheid: ZGWDate?
    public var eindeGeldigheid: ZGWDate?

    public static let resourceName = "zaakobjecttype"

    public init(uuid: UUID = UUID(), zaaktype: UUID, anderObjecttype: Bool, objecttype: String, relatieOmschrijving: String) {
        self.uuid = uuid
        self.zaaktype = zaaktype
        self.anderObjecttype = anderObjecttype
        self.objecttype = objecttype
        self.relatieOmschrijving = relatieOmschrijving
    }
}
