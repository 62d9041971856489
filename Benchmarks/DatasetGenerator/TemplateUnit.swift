import BenchmarkSupport
import Foundation

/// One zaak of the dataset made through the real API, in the order a zaaksysteem makes it: its document, the
/// zaak, status 1, rol, zaakobject, zaakeigenschap, the zaakinformatieobject (+ the document's
/// objectinformatieobject), status 2, optionally a besluit on the zaak with its besluitinformatieobject, the
/// resultaat and the closing status 3. The events this writes are the templates the generator clones.
enum TemplateUnit {
    static func create(_ api: BenchmarkClient, _ types: SeededZaaktype, besluit withBesluit: Bool) async throws {
        let inhoud = Data("Aanvraag omgevingsvergunning, bijlage.".utf8).base64EncodedString()
        let document = try await api.post("/documenten/api/v1/enkelvoudiginformatieobjecten", #"""
            {"bronorganisatie": "002220647", "creatiedatum": "2026-03-01", "titel": "Aanvraag", "auteur": "Ad", "taal": "nld",
             "informatieobjecttype": "\#(types.informatieobjecttype)", "inhoud": "\#(inhoud)", "bestandsnaam": "aanvraag.txt",
             "formaat": "text/plain", "indicatieGebruiksrecht": false}
            """#)
        let zaak = try await api.post("/zaken/api/v1/zaken", #"""
            {"zaaktype": "\#(types.zaaktype)", "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-03-01",
             "omschrijving": "Dakkapel aan de achterzijde", "zaakgeometrie": {"type": "Point", "coordinates": [5.1, 52.1]}}
            """#)
        func status(_ index: Int) async throws {
            _ = try await api.post("/zaken/api/v1/statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(types.statustypen[index])", "datumStatusGezet": "2026-03-0\#(index + 1)T09:00:00Z"}"#)
        }
        try await status(0)
        _ = try await api.post("/zaken/api/v1/rollen", #"""
            {"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "natuurlijk_persoon", "roltoelichting": "aanvrager",
             "betrokkeneIdentificatie": {"inpBsn": "123456782", "geslachtsnaam": "Jansen"}}
            """#)
        _ = try await api.post("/zaken/api/v1/zaakobjecten", #"""
            {"zaak": "\#(zaak)", "objectType": "adres", "objectIdentificatie": {"identificatie": "0363200000123456", "wplWoonplaatsNaam": "Amsterdam", "gorOpenbareRuimteNaam": "Dam", "huisnummer": 1}}
            """#)
        _ = try await api.post(String(zaak.dropFirst(api.base.count)) + "/zaakeigenschappen", #"{"eigenschap": "\#(types.eigenschap)", "waarde": "kenmerk"}"#)
        _ = try await api.post("/zaken/api/v1/zaakinformatieobjecten", #"{"zaak": "\#(zaak)", "informatieobject": "\#(document)", "titel": "Aanvraag"}"#)
        try await status(1)
        if withBesluit {
            let besluit = try await api.post("/besluiten/api/v1/besluiten", #"""
                {"verantwoordelijkeOrganisatie": "002220647", "besluittype": "\#(types.besluittype)", "datum": "2026-03-02", "ingangsdatum": "2026-03-02", "zaak": "\#(zaak)"}
                """#)
            _ = try await api.post("/besluiten/api/v1/besluitinformatieobjecten", #"{"besluit": "\#(besluit)", "informatieobject": "\#(document)"}"#)
        }
        _ = try await api.post("/zaken/api/v1/resultaten", #"{"zaak": "\#(zaak)", "resultaattype": "\#(types.resultaattype)"}"#)
        try await status(2)
    }
}
