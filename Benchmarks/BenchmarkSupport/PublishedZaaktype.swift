import Foundation
import NIOHTTP1

/// A catalogus with one published zaaktype (3 statustypen, a roltype, an eigenschap), made through the API:
/// what every benchmark that creates zaken needs first.
public struct PublishedZaaktype: Sendable {
    public let catalogus: String
    public let zaaktype: String
    /// The first two statustypen (Ontvangen, In behandeling).
    public let statustypen: [String]
    public let roltype: String
    public let eigenschap: String

    /// In a new catalogus, or in `catalogus` with the identificatie `ZT-<index>` (several zaaktypen in one).
    public static func seed(_ api: BenchmarkClient, catalogus existing: String? = nil, index: Int = 0) async throws -> PublishedZaaktype {
        var catalogus = existing ?? ""
        if existing == nil {
            catalogus = try await api.post("/catalogi/api/v1/catalogussen", #"{"domein": "BENCH", "rsin": "002220647", "contactpersoonBeheerNaam": "Ad"}"#)
        }
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
        return PublishedZaaktype(catalogus: catalogus, zaaktype: zaaktype, statustypen: [ontvangen, behandeling], roltype: roltype, eigenschap: eigenschap)
    }

    /// The body of `POST /zaken/api/v1/zaken` for a zaak of this zaaktype.
    public func zaakJSON(_ index: Int) -> String {
        #"""
        {"zaaktype": "\#(zaaktype)", "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-03-01",
         "omschrijving": "Dakkapel \#(index)", "zaakgeometrie": {"type": "Point", "coordinates": [5.1, 52.1]}}
        """#
    }
}
