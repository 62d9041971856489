#!/usr/bin/env python3
"""Writes a synthetic catalogus export in Open Zaak 1.30's ZIP format, for timing `zaakstroom catalogi import`:
one catalogus, 5 informatieobjecttypen, 2 besluittypen and N zaaktypen (default 50), each with 10 sub-types
(4 statustypen, 2 roltypen, 2 eigenschappen, 1 zaaktype-informatieobjecttype, 1 zaakobjecttype). No
resultaattypen: those need a Selectielijst API.

    scripts/catalogus-export.py [N] > export.zip
"""
import io
import json
import sys
import uuid
import zipfile

BASE = "https://open-zaak.gemeente.example/catalogi/api/v1"


def url(collection):
    return f"{BASE}/{collection}/{uuid.uuid4()}"


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    catalogus = url("catalogussen")
    files = {name: [] for name in [
        "Catalogus", "InformatieObjectType", "BesluitType", "ZaakType", "StatusType", "ZaakTypeInformatieObjectType",
        "RolType", "Eigenschap", "ZaakObjectType"]}
    iots = [url("informatieobjecttypen") for _ in range(5)]
    besluittypen = [url("besluittypen") for _ in range(2)]
    files["Catalogus"].append({"url": catalogus, "domein": "BENCH", "rsin": "002220647", "contactpersoon_beheer_naam": "Beheer",
                               "naam": "Benchmark", "zaaktypen": [], "besluittypen": besluittypen, "informatieobjecttypen": iots})
    for i, iot in enumerate(iots):
        files["InformatieObjectType"].append({"url": iot, "catalogus": catalogus, "omschrijving": f"Document {i}",
                                              "vertrouwelijkheidaanduiding": "openbaar", "begin_geldigheid": "2025-01-01",
                                              "informatieobjectcategorie": "Brief", "concept": False})
    for i, besluittype in enumerate(besluittypen):
        files["BesluitType"].append({"url": besluittype, "catalogus": catalogus, "zaaktypen": [], "omschrijving": f"Besluit {i}",
                                     "publicatie_indicatie": False, "informatieobjecttypen": [iots[i]],
                                     "begin_geldigheid": "2025-01-01", "concept": False})
    for z in range(count):
        zaaktype = url("zaaktypen")
        files["ZaakType"].append({
            "url": zaaktype, "catalogus": catalogus, "identificatie": f"BENCH-{z:03d}", "omschrijving": f"Zaaktype {z}",
            "vertrouwelijkheidaanduiding": "openbaar", "doel": "Doel", "aanleiding": "Aanleiding", "indicatie_intern_of_extern": "extern",
            "handeling_initiator": "aanvragen", "onderwerp": "Onderwerp", "handeling_behandelaar": "behandelen", "doorlooptijd": "P8W",
            "opschorting_en_aanhouding_mogelijk": False, "verlenging_mogelijk": False, "publicatie_indicatie": False,
            "producten_of_diensten": ["https://producten.example/1"], "referentieproces": {"naam": "Proces", "link": ""},
            "verantwoordelijke": "Team", "begin_geldigheid": "2025-01-01", "versiedatum": "2025-01-01",
            "besluittypen": [besluittypen[z % 2]], "gerelateerde_zaaktypen": [], "concept": False})
        statustypen = [url("statustypen") for _ in range(4)]
        for n, statustype in enumerate(statustypen):
            files["StatusType"].append({"url": statustype, "zaaktype": zaaktype, "omschrijving": f"Status {n + 1}", "volgnummer": n + 1})
        for n in range(2):
            files["RolType"].append({"url": url("roltypen"), "zaaktype": zaaktype, "omschrijving": f"Rol {n}",
                                     "omschrijving_generiek": ["initiator", "behandelaar"][n]})
            files["Eigenschap"].append({"url": url("eigenschappen"), "zaaktype": zaaktype, "naam": f"Eigenschap {n}", "definitie": "Def",
                                        "statustype": statustypen[0],
                                        "specificatie": {"formaat": "tekst", "lengte": "20", "kardinaliteit": "1", "waardenverzameling": []}})
        files["ZaakTypeInformatieObjectType"].append({"url": url("zaaktype-informatieobjecttypen"), "zaaktype": zaaktype,
                                                      "informatieobjecttype": iots[z % 5], "volgnummer": 1, "richting": "inkomend"})
        files["ZaakObjectType"].append({"url": url("zaakobjecttypen"), "zaaktype": zaaktype, "ander_objecttype": False,
                                        "objecttype": "https://objecttypen.example/api/v2/objecttypes/1", "relatie_omschrijving": "Object"})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, objects in files.items():
            if objects:
                archive.writestr(f"{name}.json", json.dumps(objects))
    sys.stdout.buffer.write(buffer.getvalue())


if __name__ == "__main__":
    main()
