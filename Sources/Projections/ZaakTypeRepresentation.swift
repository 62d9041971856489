import Domain
import Foundation

/// The JSON of a zaaktype as the API serves it (`ZaakType` of catalogi-1.3.1). `besluittypen` comes from the
/// relation table (so a deleted besluittype drops out); the sub-type lists fill as sub-types arrive.
public struct ZaakTypeRepresentation: Codable, Sendable, Equatable {
    public var url: String
    public var identificatie: String
    public var omschrijving: String
    public var omschrijvingGeneriek: String
    public var vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    public var doel: String
    public var aanleiding: String
    public var toelichting: String
    public var indicatieInternOfExtern: ZaakType.IndicatieInternOfExtern
    public var handelingInitiator: String
    public var onderwerp: String
    public var handelingBehandelaar: String
    public var doorlooptijd: String
    public var servicenorm: Nullable<String>
    public var opschortingEnAanhoudingMogelijk: Bool
    public var verlengingMogelijk: Bool
    public var verlengingstermijn: Nullable<String>
    public var trefwoorden: [String]
    public var publicatieIndicatie: Bool
    public var publicatietekst: String
    public var verantwoordingsrelatie: [String]
    public var productenOfDiensten: [String]
    public var selectielijstProcestype: String
    public var referentieproces: ZaakType.ReferentieProces
    public var concept: Bool
    public var verantwoordelijke: String
    public var broncatalogus: ZaakType.BronCatalogus?
    public var bronzaaktype: ZaakType.BronZaaktype?
    public var beginGeldigheid: ZGWDate
    public var eindeGeldigheid: Nullable<ZGWDate>
    public var versiedatum: ZGWDate
    public var beginObject: ZGWDate
    public var eindeObject: Nullable<ZGWDate>
    public var catalogus: String
    public var statustypen: [String] = []
    public var resultaattypen: [String] = []
    public var eigenschappen: [String] = []
    public var informatieobjecttypen: [String] = []
    public var roltypen: [String] = []
    public var besluittypen: [String] = []
    public var deelzaaktypen: [String]
    public var gerelateerdeZaaktypen: [ZaakType.ZaakTypenRelatie]
    public var zaakobjecttypen: [String] = []

    public static func path(_ uuid: UUID) -> String {
        "\(ZGWAPI.catalogi.root)/zaaktypen/\(uuid.uuidString.lowercased())"
    }

    public init(_ type: ZaakType) {
        url = ResourceURL.local(Self.path(type.uuid))
        identificatie = type.identificatie
        omschrijving = type.omschrijving
        omschrijvingGeneriek = type.omschrijvingGeneriek
        vertrouwelijkheidaanduiding = type.vertrouwelijkheidaanduiding
        doel = type.doel
        aanleiding = type.aanleiding
        toelichting = type.toelichting
        indicatieInternOfExtern = type.indicatieInternOfExtern
        handelingInitiator = type.handelingInitiator
        onderwerp = type.onderwerp
        handelingBehandelaar = type.handelingBehandelaar
        doorlooptijd = type.doorlooptijd
        servicenorm = Nullable(type.servicenorm)
        opschortingEnAanhoudingMogelijk = type.opschortingEnAanhoudingMogelijk
        verlengingMogelijk = type.verlengingMogelijk
        verlengingstermijn = Nullable(type.verlengingstermijn)
        trefwoorden = type.trefwoorden
        publicatieIndicatie = type.publicatieIndicatie
        publicatietekst = type.publicatietekst
        verantwoordingsrelatie = type.verantwoordingsrelatie
        productenOfDiensten = type.productenOfDiensten
        selectielijstProcestype = type.selectielijstProcestype
        referentieproces = type.referentieproces
        concept = type.concept
        verantwoordelijke = type.verantwoordelijke
        broncatalogus = type.broncatalogus
        bronzaaktype = type.bronzaaktype
        beginGeldigheid = type.beginGeldigheid
        eindeGeldigheid = Nullable(type.eindeGeldigheid)
        versiedatum = type.versiedatum
        beginObject = type.beginGeldigheid
        eindeObject = Nullable(type.eindeGeldigheid)
        catalogus = ResourceURL.local(CatalogusRepresentation.path(type.catalogus))
        deelzaaktypen = type.deelzaaktypen.map { ResourceURL.local(Self.path($0)) }
        gerelateerdeZaaktypen = type.gerelateerdeZaaktypen
    }
}
