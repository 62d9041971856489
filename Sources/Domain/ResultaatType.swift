import Foundation

/// A result zaken of the type can have (`ResultaatType`), with its archiving parameters; its events live in
/// the zaaktype's stream. `omschrijvingGeneriek` is the omschrijving of its `resultaattypeomschrijving`, read
/// from the Selectielijst/Referentielijsten API when it was written.
public struct ResultaatType: ZaakTypeSubType {
    public var uuid: UUID
    public var zaaktype: UUID
    public var omschrijving: String
    public var resultaattypeomschrijving: String
    public var omschrijvingGeneriek: String = ""
    public var selectielijstklasse: String
    public var toelichting: String = ""
    public var archiefnominatie: String = ""
    public var archiefactietermijn: String?
    public var brondatumArchiefprocedure: BrondatumArchiefprocedure?
    public var procesobjectaard: String = ""
    public var indicatieSpecifiek: Bool?
    public var procestermijn: String?
    public var besluittypen: [UUID] = []
    public var informatieobjecttypen: [UUID] = []
    public var beginGeldigheid: ZGWDate?
    public var eindeGeldigheid: ZGWDate?

    public static let resourceName = "resultaattype"

    public init(uuid: UUID = UUID(), zaaktype: UUID, omschrijving: String, resultaattypeomschrijving: String, selectielijstklasse: String) {
        self.uuid = uuid
        self.zaaktype = zaaktype
        self.omschrijving = omschrijving
        self.resultaattypeomschrijving = resultaattypeomschrijving
        self.selectielijstklasse = selectielijstklasse
    }

    public enum Archiefnominatie: String, CaseIterable, Sendable {
        case blijvendBewaren = "blijvend_bewaren", vernietigen
    }

    /// How the date that starts the archiving term is derived (`BrondatumArchiefprocedure`).
    public struct BrondatumArchiefprocedure: Codable, Sendable, Equatable {
        public var afleidingswijze: Afleidingswijze
        public var datumkenmerk: String
        public var einddatumBekend: Bool
        public var objecttype: String
        public var registratie: String
        public var procestermijn: String?

        public init(
            afleidingswijze: Afleidingswijze, datumkenmerk: String = "", einddatumBekend: Bool = false, objecttype: String = "", registratie: String = "",
            procestermijn: String? = nil
        ) {
            self.afleidingswijze = afleidingswijze
            self.datumkenmerk = datumkenmerk
            self.einddatumBekend = einddatumBekend
            self.objecttype = objecttype
            self.registratie = registratie
            self.procestermijn = procestermijn
        }

        // procestermijn is nullable: written as null.
        enum CodingKeys: String, CodingKey { case afleidingswijze, datumkenmerk, einddatumBekend, objecttype, registratie, procestermijn }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(afleidingswijze, forKey: .afleidingswijze)
            try container.encode(datumkenmerk, forKey: .datumkenmerk)
            try container.encode(einddatumBekend, forKey: .einddatumBekend)
            try container.encode(objecttype, forKey: .objecttype)
            try container.encode(registratie, forKey: .registratie)
            try container.encode(Nullable(procestermijn), forKey: .procestermijn)
        }

        /// ztc-004..008: which fields each afleidingswijze needs (`required`) and which must stay empty
        /// (`must-be-empty`), as Open Zaak checks them. Error names are `brondatumArchiefprocedure.<field>`.
        public func fieldErrors() -> [FieldError] {
            let needsDatumkenmerk: Set<Afleidingswijze> = [.eigenschap, .zaakobject, .anderDatumkenmerk]
            let needsObjecttype: Set<Afleidingswijze> = [.zaakobject, .anderDatumkenmerk]
            var errors: [FieldError] = []
            func rule(_ field: String, present: Bool, required: Bool) {
                let name = "brondatumArchiefprocedure.\(field)"
                if required, !present { errors.append(.required(name)) }
                if !required, present {
                    errors.append(FieldError(name: name, code: "must-be-empty", reason: "Dit veld moet leeg zijn bij afleidingswijze \(afleidingswijze.rawValue)."))
                }
            }
            rule("datumkenmerk", present: !datumkenmerk.isEmpty, required: needsDatumkenmerk.contains(afleidingswijze))
            rule("objecttype", present: !objecttype.isEmpty, required: needsObjecttype.contains(afleidingswijze))
            rule("registratie", present: !registratie.isEmpty, required: afleidingswijze == .anderDatumkenmerk)
            rule("procestermijn", present: procestermijn != nil, required: afleidingswijze == .termijn)
            if [.afgehandeld, .termijn].contains(afleidingswijze), einddatumBekend {
                errors.append(FieldError(name: "brondatumArchiefprocedure.einddatumBekend", code: "must-be-empty", reason: "Dit veld moet leeg zijn bij afleidingswijze \(afleidingswijze.rawValue)."))
            }
            return errors
        }
    }

    public enum Afleidingswijze: String, Codable, Sendable, CaseIterable {
        case afgehandeld, eigenschap, hoofdzaak, termijn, zaakobject
        case anderDatumkenmerk = "ander_datumkenmerk", gerelateerdeZaak = "gerelateerde_zaak"
        case ingangsdatumBesluit = "ingangsdatum_besluit", vervaldatumBesluit = "vervaldatum_besluit"
    }

    /// The Selectielijst's BRONDATUM objecttypen (`ObjecttypeEnum`).
    public static let objecttypen: Set<String> = [
        "adres", "besluit", "buurt", "enkelvoudig_document", "gemeente", "gemeentelijke_openbare_ruimte", "huishouden", "inrichtingselement",
        "kadastrale_onroerende_zaak", "kunstwerkdeel", "maatschappelijke_activiteit", "medewerker", "natuurlijk_persoon", "niet_natuurlijk_persoon",
        "openbare_ruimte", "organisatorische_eenheid", "pand", "spoorbaandeel", "status", "terreindeel", "terrein_gebouwd_object", "vestiging",
        "waterdeel", "wegdeel", "wijk", "woonplaats", "woz_deelobject", "woz_object", "woz_waarde", "zakelijk_recht", "overige",
    ]
}
