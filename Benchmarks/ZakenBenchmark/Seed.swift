import Foundation
import NIOHTTP1

/// The benchmark's data, made through the API: a catalogus with `zaaktypen` published zaaktypen (3 statustypen,
/// a roltype, an eigenschap each) and zaken, spread over them, with 2 statussen, a rol, a zaakobject and a
/// zaakeigenschap each.
struct Seed {
    struct ZaakType {
        let url: String
        let ontvangen: String
        let behandeling: String
        let roltype: String
        let eigenschap: String
    }

    let zaaktypen: [String]
    let zaken: [String]

    static func run(_ api: BenchmarkClient, zaken count: Int, zaaktypen typeCount: Int) async throws -> Seed {
        let catalogus = try await api.post("/catalogi/api/v1/catalogussen", #"{"domein": "BENCH", "rsin": "002220647", "contactpersoonBeheerNaam": "Ad"}"#)
        var types: [ZaakType] = []
        for index in 0..<typeCount { types.append(try await zaaktype(api, catalogus: catalogus, index: index)) }
        var zaken: [String] = []
        for index in 0..<count {
            zaken.append(try await zaak(api, index: index, type: types[index % types.count]))
        }
        return Seed(zaaktypen: types.map(\.url), zaken: zaken)
    }

    static func zaaktype(_ api: BenchmarkClient, catalogus: String, index: Int) async throws -> ZaakType {
        let zaaktype = try await api.post("/catalogi/api/v1/zaaktypen", #"""
            {"catalogus": "\#(catalogus)", "omschrijving": "Omgevingsvergunning", "vertrouwelijkheidaanduiding": "openbaar",
             "doel": "Vergunnen", "aanleiding": "Aanvraag", "indicatieInternOfExtern": "extern", "handelingInitiator": "aanvragen",
             "onderwerp": "Vergunning", "handelingBehandelaar": "behandelen", "doorlooptijd": "P8W", "opschortingEnAanhoudingMogelijk": false,
             "verlengingMogelijk": false, "publicatieIndicatie": false, "productenOfDiensten": [], "referentieproces": {"naam": "Vergunningverlening"},
             "verantwoordelijke": "Team VTH", "beginGeldigheid": "2026-01-01", "versiedatum": "2026-01-01", "besluittypen": [],
             "gerelateerdeZaaktypen": [], "trefwoorden": [], "identificatie": "ZT-\#(index)"}
            """#)
        let ontvangen = try await api.post("/catalogi/api/v1/statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Ontvangen", "volgnummer": 1}"#)
        let behandeling = try await api.post("/catalogi/api/v1/statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "In behandeling", "volgnummer": 2}"#)
        _ = try await api.post("/catalogi/api/v1/statustypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Afgehandeld", "volgnummer": 3}"#)
        let roltype = try await api.post("/catalogi/api/v1/roltypen", #"{"zaaktype": "\#(zaaktype)", "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}"#)
        let eigenschap = try await api.post("/catalogi/api/v1/eigenschappen", #"""
            {"zaaktype": "\#(zaaktype)", "naam": "kenmerk", "definitie": "Een kenmerk", "specificatie": {"formaat": "tekst", "lengte": "20", "kardinaliteit": "1", "waardenverzameling": []}}
            """#)
        _ = try await api.request(.POST, zaaktype + "/publish")
        return ZaakType(url: zaaktype, ontvangen: ontvangen, behandeling: behandeling, roltype: roltype, eigenschap: eigenschap)
    }

    static func zaak(_ api: BenchmarkClient, index: Int, type: ZaakType) async throws -> String {
        let (zaaktype, ontvangen, behandeling, roltype, eigenschap) = (type.url, type.ontvangen, type.behandeling, type.roltype, type.eigenschap)
        let zaak = try await api.post("/zaken/api/v1/zaken", #"""
            {"zaaktype": "\#(zaaktype)", "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-03-01",
             "omschrijving": "Dakkapel \#(index)", "zaakgeometrie": {"type": "Point", "coordinates": [5.1, 52.1]}}
            """#)
        _ = try await api.post("/zaken/api/v1/statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(ontvangen)", "datumStatusGezet": "2026-03-01T09:00:00Z"}"#)
        _ = try await api.post("/zaken/api/v1/statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(behandeling)", "datumStatusGezet": "2026-03-02T09:00:00Z"}"#)
        _ = try await api.post("/zaken/api/v1/rollen", #"""
            {"zaak": "\#(zaak)", "roltype": "\#(roltype)", "betrokkeneType": "natuurlijk_persoon", "roltoelichting": "aanvrager",
             "betrokkeneIdentificatie": {"inpBsn": "\#(String(format: "%09d", index))", "geslachtsnaam": "Jansen"}}
            """#)
        _ = try await api.post("/zaken/api/v1/zaakobjecten", #"""
            {"zaak": "\#(zaak)", "objectType": "adres", "objectIdentificatie": {"identificatie": "0363200000\#(String(format: "%06d", index))", "wplWoonplaatsNaam": "Amsterdam", "gorOpenbareRuimteNaam": "Dam", "huisnummer": 1}}
            """#)
        _ = try await api.post(String(zaak.dropFirst(api.base.count)) + "/zaakeigenschappen", #"{"eigenschap": "\#(eigenschap)", "waarde": "waarde \#(index)"}"#)
        return zaak
    }
}
