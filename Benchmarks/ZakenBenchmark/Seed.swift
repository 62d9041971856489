import Foundation
import BenchmarkSupport

/// The benchmark's data, made through the API: a catalogus with `zaaktypen` published zaaktypen and zaken,
/// spread over them, with 2 statussen, a rol, a zaakobject and a zaakeigenschap each.
struct Seed {
    let zaaktypen: [String]
    let zaken: [String]

    static func run(_ api: BenchmarkClient, zaken count: Int, zaaktypen typeCount: Int) async throws -> Seed {
        let first = try await PublishedZaaktype.seed(api)
        var all = [first]
        for index in 1..<max(typeCount, 1) { all.append(try await PublishedZaaktype.seed(api, catalogus: first.catalogus, index: index)) }
        var zaken: [String] = []
        for index in 0..<count {
            let types = all[index % all.count]
            let zaak = try await api.post("/zaken/api/v1/zaken", types.zaakJSON(index))
            for (day, statustype) in types.statustypen.enumerated() {
                _ = try await api.post("/zaken/api/v1/statussen", #"{"zaak": "\#(zaak)", "statustype": "\#(statustype)", "datumStatusGezet": "2026-03-0\#(day + 1)T09:00:00Z"}"#)
            }
            _ = try await api.post("/zaken/api/v1/rollen", #"""
                {"zaak": "\#(zaak)", "roltype": "\#(types.roltype)", "betrokkeneType": "natuurlijk_persoon", "roltoelichting": "aanvrager",
                 "betrokkeneIdentificatie": {"inpBsn": "\#(String(format: "%09d", index))", "geslachtsnaam": "Jansen"}}
                """#)
            _ = try await api.post("/zaken/api/v1/zaakobjecten", #"""
                {"zaak": "\#(zaak)", "objectType": "adres", "objectIdentificatie": {"identificatie": "0363200000\#(String(format: "%06d", index))", "wplWoonplaatsNaam": "Amsterdam", "gorOpenbareRuimteNaam": "Dam", "huisnummer": 1}}
                """#)
            _ = try await api.post(String(zaak.dropFirst(api.base.count)) + "/zaakeigenschappen", #"{"eigenschap": "\#(types.eigenschap)", "waarde": "waarde \#(index)"}"#)
            zaken.append(zaak)
        }
        return Seed(zaaktypen: all.map(\.zaaktype), zaken: zaken)
    }
}
