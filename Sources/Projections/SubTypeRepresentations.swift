import Domain
import Foundation

/// The JSON of a statustype (`StatusType` of catalogi-1.3.1). What comes from the zaaktype
/// (`zaaktypeIdentificatie`, `catalogus`, `beginObject`, `eindeObject`) and `isEindstatus` are filled in by
/// `ZaakTypeSubTypes.refresh`.
public struct StatusTypeRepresentation: Codable, Sendable, Equatable {
    public var url: String
    public var omschrijving: String
    public var omschrijvingGeneriek: String
    public var statustekst: String
    public var zaaktype: String
    public var zaaktypeIdentificatie = ""
    public var volgnummer: Int
    public var isEindstatus = false
    public var informeren: Bool
    public var doorlooptijd: Nullable<String>
    public var toelichting: Nullable<String>
    public var checklistitemStatustype: [StatusType.CheckListItem]
    public var catalogus = ""
    public var eigenschappen: [String] = []
    public var zaakobjecttypen: [String] = []
    public var beginGeldigheid: Nullable<ZGWDate>
    public var eindeGeldigheid: Nullable<ZGWDate>
    public var beginObject: Nullable<ZGWDate> = Nullable(nil)
    public var eindeObject: Nullable<ZGWDate> = Nullable(nil)

    public init(_ type: StatusType) {
        url = ResourceURL.local("\(ZGWAPI.catalogi.root)/statustypen/\(type.uuid.uuidString.lowercased())")
        omschrijving = type.omschrijving
        omschrijvingGeneriek = type.omschrijvingGeneriek
        statustekst = type.statustekst
        zaaktype = ResourceURL.local(ZaakTypeRepresentation.path(type.zaaktype))
        volgnummer = type.volgnummer
        informeren = type.informeren
        doorlooptijd = Nullable(type.doorlooptijd)
        toelichting = Nullable(type.toelichting)
        checklistitemStatustype = type.checklistitemStatustype
        beginGeldigheid = Nullable(type.beginGeldigheid)
        eindeGeldigheid = Nullable(type.eindeGeldigheid)
    }
}

/// The JSON of a roltype (`RolType` of catalogi-1.3.1); zaaktype-derived fields as for statustypen.
public struct RolTypeRepresentation: Codable, Sendable, Equatable {
    public var url: String
    public var zaaktype: String
    public var zaaktypeIdentificatie = ""
    public var omschrijving: String
    public var omschrijvingGeneriek: RolType.OmschrijvingGeneriek
    public var catalogus = ""
    public var beginGeldigheid: Nullable<ZGWDate>
    public var eindeGeldigheid: Nullable<ZGWDate>
    public var beginObject: Nullable<ZGWDate> = Nullable(nil)
    public var eindeObject: Nullable<ZGWDate> = Nullable(nil)

    public init(_ type: RolType) {
        url = ResourceURL.local("\(ZGWAPI.catalogi.root)/roltypen/\(type.uuid.uuidString.lowercased())")
        zaaktype = ResourceURL.local(ZaakTypeRepresentation.path(type.zaaktype))
        omschrijving = type.omschrijving
        omschrijvingGeneriek = type.omschrijvingGeneriek
        beginGeldigheid = Nullable(type.beginGeldigheid)
        eindeGeldigheid = Nullable(type.eindeGeldigheid)
    }
}

/// The JSON of a zaaktype-informatieobjecttype (`ZaakTypeInformatieObjectType` of catalogi-1.3.1).
public struct ZaakTypeInformatieObjectTypeRepresentation: Codable, Sendable, Equatable {
    public var url: String
    public var zaaktype: String
    public var zaaktypeIdentificatie = ""
    public var informatieobjecttype: String
    public var volgnummer: Int
    public var richting: ZaakTypeInformatieObjectType.Richting
    public var statustype: Nullable<String>
    public var catalogus = ""

    public init(_ type: ZaakTypeInformatieObjectType) {
        url = ResourceURL.local("\(ZGWAPI.catalogi.root)/zaaktype-informatieobjecttypen/\(type.uuid.uuidString.lowercased())")
        zaaktype = ResourceURL.local(ZaakTypeRepresentation.path(type.zaaktype))
        informatieobjecttype = ResourceURL.local(InformatieObjectTypeRepresentation.path(type.informatieobjecttype))
        volgnummer = type.volgnummer
        richting = type.richting
        statustype = statustypeURL(type.statustype)
    }
}

/// The URL of a statustype, for the sub-types that may name one.
func statustypeURL(_ uuid: UUID?) -> Nullable<String> {
    Nullable(uuid.map { ResourceURL.local("\(ZGWAPI.catalogi.root)/statustypen/\($0.uuidString.lowercased())") })
}

/// The JSON of an eigenschap (`Eigenschap` of catalogi-1.3.1).
public struct EigenschapRepresentation: Codable, Sendable, Equatable {
    public var url: String
    public var naam: String
    public var definitie: String
    public var specificatie: Eigenschap.Specificatie
    public var toelichting: String
    public var zaaktype: String
    public var zaaktypeIdentificatie = ""
    public var catalogus = ""
    public var statustype: Nullable<String>
    public var beginGeldigheid: Nullable<ZGWDate>
    public var eindeGeldigheid: Nullable<ZGWDate>
    public var beginObject: Nullable<ZGWDate> = Nullable(nil)
    public var eindeObject: Nullable<ZGWDate> = Nullable(nil)

    public init(_ type: Eigenschap) {
        url = ResourceURL.local("\(ZGWAPI.catalogi.root)/eigenschappen/\(type.uuid.uuidString.lowercased())")
        naam = type.naam
        definitie = type.definitie
        specificatie = type.specificatie
        toelichting = type.toelichting
        zaaktype = ResourceURL.local(ZaakTypeRepresentation.path(type.zaaktype))
        statustype = statustypeURL(type.statustype)
        beginGeldigheid = Nullable(type.beginGeldigheid)
        eindeGeldigheid = Nullable(type.eindeGeldigheid)
    }
}

/// The JSON of a zaakobjecttype (`ZaakObjectType` of catalogi-1.3.1).
public struct ZaakObjectTypeRepresentation: Codable, Sendable, Equatable {
    public var url: String
    public var anderObjecttype: Bool
    public var objecttype: String
    public var relatieOmschrijving: String
    public var zaaktype: String
    public var zaaktypeIdentificatie = ""
    public var resultaattypen: [String] = []
    public var statustype: Nullable<String>
    public var catalogus = ""
    public var beginGeldigheid: Nullable<ZGWDate>
    public var eindeGeldigheid: Nullable<ZGWDate>
    public var beginObject: Nullable<ZGWDate> = Nullable(nil)
    public var eindeObject: Nullable<ZGWDate> = Nullable(nil)

    public init(_ type: ZaakObjectType) {
        url = ResourceURL.local("\(ZGWAPI.catalogi.root)/zaakobjecttypen/\(type.uuid.uuidString.lowercased())")
        anderObjecttype = type.anderObjecttype
        objecttype = type.objecttype
        relatieOmschrijving = type.relatieOmschrijving
        zaaktype = ResourceURL.local(ZaakTypeRepresentation.path(type.zaaktype))
        statustype = statustypeURL(type.statustype)
        beginGeldigheid = Nullable(type.beginGeldigheid)
        eindeGeldigheid = Nullable(type.eindeGeldigheid)
    }
}

/// The JSON of a resultaattype (`ResultaatType` of catalogi-1.3.1). The omschrijvingen of its besluittypen and
/// informatieobjecttypen are filled in by `ResultaatTypen.refresh`.
public struct ResultaatTypeRepresentation: Codable, Sendable, Equatable {
    public var url: String
    public var zaaktype: String
    public var zaaktypeIdentificatie = ""
    public var omschrijving: String
    public var resultaattypeomschrijving: String
    public var omschrijvingGeneriek: String
    public var selectielijstklasse: String
    public var toelichting: String
    public var archiefnominatie: String
    public var archiefactietermijn: Nullable<String>
    public var brondatumArchiefprocedure: Nullable<ResultaatType.BrondatumArchiefprocedure>
    public var procesobjectaard: String
    public var indicatieSpecifiek: Nullable<Bool>
    public var procestermijn: Nullable<String>
    public var catalogus = ""
    public var besluittypen: [String]
    public var besluittypeOmschrijving: [String] = []
    public var informatieobjecttypen: [String]
    public var informatieobjecttypeOmschrijving: [String] = []
    public var beginGeldigheid: Nullable<ZGWDate>
    public var eindeGeldigheid: Nullable<ZGWDate>
    public var beginObject: Nullable<ZGWDate> = Nullable(nil)
    public var eindeObject: Nullable<ZGWDate> = Nullable(nil)

    public init(_ type: ResultaatType) {
        url = ResourceURL.local("\(ZGWAPI.catalogi.root)/resultaattypen/\(type.uuid.uuidString.lowercased())")
        zaaktype = ResourceURL.local(ZaakTypeRepresentation.path(type.zaaktype))
        omschrijving = type.omschrijving
        resultaattypeomschrijving = type.resultaattypeomschrijving
        omschrijvingGeneriek = type.omschrijvingGeneriek
        selectielijstklasse = type.selectielijstklasse
        toelichting = type.toelichting
        archiefnominatie = type.archiefnominatie
        archiefactietermijn = Nullable(type.archiefactietermijn)
        brondatumArchiefprocedure = Nullable(type.brondatumArchiefprocedure)
        procesobjectaard = type.procesobjectaard
        indicatieSpecifiek = Nullable(type.indicatieSpecifiek)
        procestermijn = Nullable(type.procestermijn)
        besluittypen = type.besluittypen.map { ResourceURL.local(BesluitTypeRepresentation.path($0)) }
        informatieobjecttypen = type.informatieobjecttypen.map { ResourceURL.local(InformatieObjectTypeRepresentation.path($0)) }
        beginGeldigheid = Nullable(type.beginGeldigheid)
        eindeGeldigheid = Nullable(type.eindeGeldigheid)
    }
}
