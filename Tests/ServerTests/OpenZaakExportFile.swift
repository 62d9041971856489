import Foundation
import ZIPFoundation

/// A catalogus export as Open Zaak 1.30 writes it (snake_case keys, read-only fields, absolute URLs of its
/// own host), made here by hand: on another host and path prefix, inside a folder, with deflated entries and
/// a ZaakObjectType.json.
struct OpenZaakExportFile {
    let base = "https://open-zaak.gemeente.example/zgw-prefix/catalogi/api/v1"
    let catalogus = UUID(), informatieobjecttype = UUID(), besluittype = UUID(), zaaktype = UUID()
    let statustype = UUID(), roltype = UUID(), zaakobjecttype = UUID(), eigenschap = UUID(), link = UUID()
    /// Without procestype, so no Selectielijst is needed; a test may set one.
    var selectielijstProcestype = ""
    var zaaktypeIdentificatie = "OZ-VERGUNNING"
    var domein = "OZ"

    func url(_ collection: String, _ uuid: UUID) -> String { "\(base)/\(collection)/\(uuid.uuidString.lowercased())" }

    /// The entries, by file name, as JSON values.
    var entries: [String: [[String: Any]]] {
        let zt = url("zaaktypen", zaaktype), bt = url("besluittypen", besluittype), iot = url("informatieobjecttypen", informatieobjecttype)
        let st = url("statustypen", statustype), cat = url("catalogussen", catalogus)
        return [
            "Catalogus.json": [[
                "url": cat, "domein": domein, "rsin": "002220647", "contactpersoon_beheer_naam": "Beheer OZ", "contactpersoon_beheer_telefoonnummer": "",
                "contactpersoon_beheer_emailadres": "beheer@gemeente.example", "zaaktypen": [zt], "besluittypen": [bt], "informatieobjecttypen": [iot],
                "naam": "Catalogus uit Open Zaak", "versie": "", "begindatum_versie": NSNull(),
            ]],
            "InformatieObjectType.json": [[
                "url": iot, "catalogus": cat, "omschrijving": "Bijlage", "vertrouwelijkheidaanduiding": "openbaar", "begin_geldigheid": "2025-01-01",
                "einde_geldigheid": NSNull(), "concept": false, "besluittypen": [bt], "informatieobjectcategorie": "Bijlage", "trefwoord": [String](),
                "omschrijving_generiek": [
                    "informatieobjecttype_omschrijving_generiek": "", "definitie_informatieobjecttype_omschrijving_generiek": "",
                    "herkomst_informatieobjecttype_omschrijving_generiek": "", "hierarchie_informatieobjecttype_omschrijving_generiek": "",
                    "opmerking_informatieobjecttype_omschrijving_generiek": "",
                ],
                "zaaktypen": [zt], "begin_object": "2025-01-01", "einde_object": NSNull(),
            ]],
            "BesluitType.json": [[
                "url": bt, "catalogus": cat, "zaaktypen": [String](), "omschrijving": "Vergunning verleend", "omschrijving_generiek": "",
                "besluitcategorie": "", "reactietermijn": "P42D", "publicatie_indicatie": false, "publicatietekst": "", "publicatietermijn": NSNull(),
                "toelichting": "", "informatieobjecttypen": [iot], "begin_geldigheid": "2025-01-01", "einde_geldigheid": NSNull(), "concept": false,
                "resultaattypen": [String](), "resultaattypen_omschrijving": [String](), "vastgelegd_in": ["Bijlage"], "begin_object": "2025-01-01",
                "einde_object": NSNull(),
            ]],
            "ZaakType.json": [[
                "url": zt, "identificatie": zaaktypeIdentificatie, "omschrijving": "Vergunning", "omschrijving_generiek": "",
                "vertrouwelijkheidaanduiding": "openbaar", "doel": "Vergunnen", "aanleiding": "Aanvraag", "toelichting": "",
                "indicatie_intern_of_extern": "extern", "handeling_initiator": "aanvragen", "onderwerp": "Vergunning", "handeling_behandelaar": "behandelen",
                "doorlooptijd": "P56D", "servicenorm": NSNull(), "opschorting_en_aanhouding_mogelijk": false, "verlenging_mogelijk": false,
                "verlengingstermijn": NSNull(), "trefwoorden": [String](), "publicatie_indicatie": false, "publicatietekst": "",
                "verantwoordingsrelatie": [String](), "producten_of_diensten": ["https://producten.gemeente.example/1"],
                "selectielijst_procestype": selectielijstProcestype, "referentieproces": ["naam": "Vergunningverlening", "link": ""],
                "verantwoordelijke": "Team VTH", "broncatalogus": ["url": "", "domein": "", "rsin": ""],
                "bronzaaktype": ["url": "", "identificatie": "", "omschrijving": ""], "catalogus": cat, "statustypen": [st],
                "resultaattypen": [String](), "eigenschappen": [url("eigenschappen", eigenschap)], "informatieobjecttypen": [iot],
                "roltypen": [url("roltypen", roltype)], "besluittypen": [bt], "deelzaaktypen": [String](), "gerelateerde_zaaktypen": [[String: Any]](),
                "begin_geldigheid": "2025-01-01", "einde_geldigheid": NSNull(), "begin_object": "2025-01-01", "einde_object": NSNull(),
                "versiedatum": "2025-01-01", "concept": false, "zaakobjecttypen": [url("zaakobjecttypen", zaakobjecttype)],
                "selectielijst_procestype_jaar": NSNull(),
            ]],
            "StatusType.json": [[
                "url": st, "omschrijving": "Ontvangen", "omschrijving_generiek": "", "statustekst": "", "zaaktype": zt,
                "zaaktype_identificatie": zaaktypeIdentificatie, "volgnummer": 1, "is_eindstatus": true, "informeren": false, "doorlooptijd": NSNull(),
                "toelichting": NSNull(), "checklistitem_statustype": [[String: Any]](), "catalogus": cat, "eigenschappen": [url("eigenschappen", eigenschap)],
                "zaakobjecttypen": [String](), "begin_geldigheid": NSNull(), "einde_geldigheid": NSNull(), "begin_object": NSNull(), "einde_object": NSNull(),
            ]],
            "ZaakTypeInformatieObjectType.json": [[
                "url": url("zaaktype-informatieobjecttypen", link), "zaaktype": zt, "catalogus": cat, "informatieobjecttype": iot,
                "volgnummer": 1, "richting": "inkomend", "statustype": st,
            ]],
            "RolType.json": [[
                "url": url("roltypen", roltype), "zaaktype": zt, "zaaktype_identificatie": zaaktypeIdentificatie, "omschrijving": "Aanvrager",
                "omschrijving_generiek": "initiator", "catalogus": cat, "begin_geldigheid": NSNull(), "einde_geldigheid": NSNull(),
                "begin_object": NSNull(), "einde_object": NSNull(),
            ]],
            "Eigenschap.json": [[
                "url": url("eigenschappen", eigenschap), "naam": "Oppervlakte", "definitie": "In m2",
                "specificatie": ["groep": "", "formaat": "getal", "lengte": "6", "kardinaliteit": "1", "waardenverzameling": [String]()],
                "toelichting": "", "zaaktype": zt, "zaaktype_identificatie": zaaktypeIdentificatie, "catalogus": cat, "statustype": st,
                "begin_geldigheid": NSNull(), "einde_geldigheid": NSNull(), "begin_object": NSNull(), "einde_object": NSNull(),
            ]],
            "ZaakObjectType.json": [[
                "url": url("zaakobjecttypen", zaakobjecttype), "ander_objecttype": false,
                "begin_geldigheid": NSNull(), "einde_geldigheid": NSNull(), "begin_object": NSNull(), "einde_object": NSNull(),
                "objecttype": "https://objecttypen.gemeente.example/api/v2/objecttypes/1", "relatie_omschrijving": "Perceel", "zaaktype": zt,
                "zaaktype_identificatie": zaaktypeIdentificatie, "resultaattypen": [String](), "statustype": NSNull(), "catalogus": cat,
            ]],
        ]
    }

    /// The ZIP: every entry deflated, inside `folder/` when given; `leaving` drops entries.
    func zip(folder: String? = "catalogus-export", leaving: Set<String> = [], extra: [String: Data] = [:]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        var files = try entries.filter { !leaving.contains($0.key) }.mapValues { try JSONSerialization.data(withJSONObject: $0) }
        files.merge(extra) { $1 }
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            let path = folder.map { "\($0)/\(name)" } ?? name
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
