import Foundation

/// A kind of case (Catalogi API `ZaakType`). Versions share `identificatie` within a catalogus. Its sub-types
/// (statustypen, roltypen …) will live in the same stream, so a zaaktype's history reads as one.
public struct ZaakType: CatalogusType {
    public var uuid: UUID
    public var catalogus: UUID
    public var identificatie: String
    public var omschrijving: String
    public var omschrijvingGeneriek: String
    public var vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    public var doel: String
    public var aanleiding: String
    public var toelichting: String
    public var indicatieInternOfExtern: IndicatieInternOfExtern
    public var handelingInitiator: String
    public var onderwerp: String
    public var handelingBehandelaar: String
    public var doorlooptijd: String
    public var servicenorm: String?
    public var opschortingEnAanhoudingMogelijk: Bool
    public var verlengingMogelijk: Bool
    public var verlengingstermijn: String?
    public var trefwoorden: [String]
    public var publicatieIndicatie: Bool
    public var publicatietekst: String
    public var verantwoordingsrelatie: [String]
    public var productenOfDiensten: [String]
    public var selectielijstProcestype: String
    public var referentieproces: ReferentieProces
    public var verantwoordelijke: String
    public var broncatalogus: BronCatalogus?
    public var bronzaaktype: BronZaaktype?
    public var beginGeldigheid: ZGWDate
    public var eindeGeldigheid: ZGWDate?
    public var versiedatum: ZGWDate
    /// Besluittypen (same catalogus) that besluiten of zaken of this type may have.
    public var besluittypen: [UUID]
    /// Zaaktypen (same catalogus) of deelzaken.
    public var deelzaaktypen: [UUID]
    public var gerelateerdeZaaktypen: [ZaakTypenRelatie]
    public var concept: Bool

    public static let streamCategory = "zaaktype"
    public var versionKey: String { identificatie }

    /// A zaaktype with the required fields; the rest start empty and are set field by field.
    public init(
        uuid: UUID = UUID(), catalogus: UUID, identificatie: String, omschrijving: String, vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding,
        doel: String, aanleiding: String, indicatieInternOfExtern: IndicatieInternOfExtern, handelingInitiator: String, onderwerp: String,
        handelingBehandelaar: String, doorlooptijd: String, opschortingEnAanhoudingMogelijk: Bool, verlengingMogelijk: Bool,
        publicatieIndicatie: Bool, referentieproces: ReferentieProces, verantwoordelijke: String, beginGeldigheid: ZGWDate, versiedatum: ZGWDate
    ) {
        self.uuid = uuid
        self.catalogus = catalogus
        self.identificatie = identificatie
        self.omschrijving = omschrijving
        self.omschrijvingGeneriek = ""
        self.vertrouwelijkheidaanduiding = vertrouwelijkheidaanduiding
        self.doel = doel
        self.aanleiding = aanleiding
        self.toelichting = ""
        self.indicatieInternOfExtern = indicatieInternOfExtern
        self.handelingInitiator = handelingInitiator
        self.onderwerp = onderwerp
        self.handelingBehandelaar = handelingBehandelaar
        self.doorlooptijd = doorlooptijd
        self.opschortingEnAanhoudingMogelijk = opschortingEnAanhoudingMogelijk
        self.verlengingMogelijk = verlengingMogelijk
        self.trefwoorden = []
        self.publicatieIndicatie = publicatieIndicatie
        self.publicatietekst = ""
        self.verantwoordingsrelatie = []
        self.productenOfDiensten = []
        self.selectielijstProcestype = ""
        self.referentieproces = referentieproces
        self.verantwoordelijke = verantwoordelijke
        self.beginGeldigheid = beginGeldigheid
        self.versiedatum = versiedatum
        self.besluittypen = []
        self.deelzaaktypen = []
        self.gerelateerdeZaaktypen = []
        self.concept = true
    }

    public enum IndicatieInternOfExtern: String, Codable, Sendable, CaseIterable {
        case intern, extern
    }

    public struct ReferentieProces: Codable, Sendable, Equatable {
        public var naam: String
        public var link: String
        public init(naam: String, link: String = "") {
            self.naam = naam
            self.link = link
        }
    }

    public struct BronCatalogus: Codable, Sendable, Equatable {
        public var url: String
        public var domein: String
        public var rsin: String
        public init(url: String, domein: String, rsin: String) {
            self.url = url
            self.domein = domein
            self.rsin = rsin
        }
    }

    public struct BronZaaktype: Codable, Sendable, Equatable {
        public var url: String
        public var identificatie: String
        public var omschrijving: String
        public init(url: String, identificatie: String, omschrijving: String) {
            self.url = url
            self.identificatie = identificatie
            self.omschrijving = omschrijving
        }
    }

    /// A relation to another zaaktype (possibly in another catalogus or on another server, so a URL).
    public struct ZaakTypenRelatie: Codable, Sendable, Equatable {
        public var zaaktype: String
        public var aardRelatie: AardRelatie
        public var toelichting: String
        public init(zaaktype: String, aardRelatie: AardRelatie, toelichting: String = "") {
            self.zaaktype = zaaktype
            self.aardRelatie = aardRelatie
            self.toelichting = toelichting
        }
    }

    public enum AardRelatie: String, Codable, Sendable, CaseIterable {
        case vervolg, bijdrage, onderwerp
    }
}
