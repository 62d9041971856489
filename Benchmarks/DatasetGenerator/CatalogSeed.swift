import BenchmarkSupport
import Foundation

/// One zaaktype of the Open Zaak performance dataset, made through the Catalogi API: 3 statustypen (the last
/// closes), a resultaattype, a roltype, an eigenschap, an informatieobjecttype and a besluittype, published.
struct SeededZaaktype: Sendable {
    let zaaktype: String
    let statustypen: [String]
    let resultaattype: String
    let roltype: String
    let eigenschap: String
    let informatieobjecttype: String
    let besluittype: String

    static func seed(_ api: BenchmarkClient, catalogus: String, index: Int, selectielijst: String) async throws -> SeededZaaktype {
        let iot = try await api.post("/catalogi/api/v1/informatieobjecttypen", #"""
            {"catalogus": "\#(catalogus)", "omschrijving": "Aanvraag \#(index)", "vertrouwelijkheidaanduiding": "openbaar",
             "beginGeldigheid": "2026-01-01", "informatieobjectcategorie": "Aanvraag"}
            """#)
        _ = try await api.request(.POST, iot + "/publish")
        let besluittype = try await api.post("/catalogi/api/v1/besluittypen", #"""
            {"catalogus": "\#(catalogus)", "omschrijving": "Vergunning \#(index)", "publicatieIndicatie": false, "beginGeldigheid": "2026-01-01",
             "informatieobjecttypen": ["\#(iot)"], "reactietermijn": "P6W"}
            """#)
        _ = try await api.request(.POST, besluittype + "/publish")
        let zaaktype = try await api.post("/catalogi/api/v1/zaaktypen", #"""
            {"catalogus": "\#(catalogus)", "omschrijving": "Omgevingsvergunning \#(index)", "vertrouwelijkheidaanduiding": "openbaar",
             "doel": "Vergunnen", "aanleiding": "Aanvraag", "indicatieInternOfExtern": "extern", "handelingInitiator": "aanvragen",
             "onderwerp": "Vergunning", "handelingBehandelaar": "behandelen", "doorlooptijd": "P8W", "opschortingEnAanhoudingMogelijk": false,
             "verlengingMogelijk": false, "publicatieIndicatie": false, "productenOfDiensten": [], "referentieproces": {"naam": "Vergunningverlening"},
             "verantwoordelijke": "Team VTH", "beginGeldigheid": "2026-01-01", "versiedatum": "2026-01-01", "besluittypen": ["\#(besluittype)"],
             "gerelateerdeZaaktypen": [], "trefwoorden": [], "identificatie": "ZT-\#(index)",
             "selectielijstProcestype": "\#(selectielijst)/procestypen/\#(SelectielijstStub.procestype)"}
            """#)
        var statustypen: [String] = []
        for (volgnummer, omschrijving) in ["Ontvangen", "In behandeling", "Afgehandeld"].enumerated() {
            statustypen.append(try await api.post("/catalogi/api/v1/statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "\#(omschrijving)", "volgnummer": \#(volgnummer + 1)}"#))
        }
        let roltype = try await api.post("/catalogi/api/v1/roltypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}"#)
        let eigenschap = try await api.post("/catalogi/api/v1/eigenschappen", #"""
            {"zaaktype": "\#(zaaktype)", "naam": "kenmerk", "definitie": "Een kenmerk", "specificatie": {"formaat": "tekst", "lengte": "20", "kardinaliteit": "1", "waardenverzameling": []}}
            """#)
        let resultaattype = try await api.post("/catalogi/api/v1/resultaattypen", #"""
            {"zaaktype": "\#(zaaktype)", "omschrijving": "Verleend", "selectielijstklasse": "\#(selectielijst)/resultaten/\#(SelectielijstStub.resultaat)",
             "resultaattypeomschrijving": "\#(selectielijst)/resultaattypeomschrijvingen/\#(SelectielijstStub.omschrijving)",
             "archiefnominatie": "vernietigen", "archiefactietermijn": "P1Y",
             "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld", "datumkenmerk": "", "einddatumBekend": false, "objecttype": "", "registratie": "", "procestermijn": null}}
            """#)
        _ = try await api.post("/catalogi/api/v1/zaaktype-informatieobjecttypen", #"{"zaaktype": "\#(zaaktype)", "informatieobjecttype": "\#(iot)", "volgnummer": 1, "richting": "inkomend"}"#)
        _ = try await api.request(.POST, zaaktype + "/publish")
        return SeededZaaktype(
            zaaktype: zaaktype, statustypen: statustypen, resultaattype: resultaattype, roltype: roltype, eigenschap: eigenschap,
            informatieobjecttype: iot, besluittype: besluittype)
    }
}
