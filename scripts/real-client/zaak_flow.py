#!/usr/bin/env python3
"""A zaak flow through gemma-zds-client, the generic ZGW client, in its default way of working: it loads each
API's OpenAPI document from the server (<api root>/schema/openapi.yaml, where clients configured for Open Zaak
look) and sends exactly the headers that document marks as required, with their enum values. No header is
added by hand and no schema is given to it.

    zaak_flow.py <base url> <client id> <secret>

Exits non-zero at the first step that fails, naming it.
"""
import sys

from zds_client import Client, ClientAuth

base, client_id, secret = sys.argv[1:4]
auth = ClientAuth(client_id=client_id, secret=secret, user_id="real-client", user_representation="Real client")
sent = []  # (method, url, headers) of every API request, to show what the client chose to send


def record(response, *args, **kwargs):
    sent.append((response.request.method, response.request.url, dict(response.request.headers)))


def client(api):
    return Client(api_root=f"{base}/{api}/api/v1/", oas_location="schema/openapi.yaml", auth=auth,
                  request_hooks={"response": record})


def step(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + (f": {detail}" if detail and not condition else ""))
    if not condition:
        sys.exit(1)


catalogi = client("catalogi")
zaken = client("zaken")

# A catalogus with a published zaaktype and its statustypen (the last one closes a zaak).
catalogus = catalogi.create("catalogus", {"domein": "REAL", "rsin": "002220647", "contactpersoonBeheerNaam": "Beheer"})
zaaktype = catalogi.create("zaaktype", {
    "catalogus": catalogus["url"], "omschrijving": "Melding openbare ruimte", "vertrouwelijkheidaanduiding": "openbaar",
    "doel": "Meldingen afhandelen", "aanleiding": "Een melding", "indicatieInternOfExtern": "extern",
    "handelingInitiator": "melden", "onderwerp": "Openbare ruimte", "handelingBehandelaar": "behandelen",
    "doorlooptijd": "P2W", "opschortingEnAanhoudingMogelijk": False, "verlengingMogelijk": False,
    "publicatieIndicatie": False, "productenOfDiensten": ["https://example.nl/producten/melding"],
    "referentieproces": {"naam": "Meldingen"}, "verantwoordelijke": "Team Buitenruimte",
    "beginGeldigheid": "2026-01-01", "versiedatum": "2026-01-01", "besluittypen": [], "gerelateerdeZaaktypen": [],
    "trefwoorden": ["melding"]})
statustype = catalogi.create("statustype", {"zaaktype": zaaktype["url"], "omschrijving": "Ontvangen", "volgnummer": 1})
catalogi.create("statustype", {"zaaktype": zaaktype["url"], "omschrijving": "Afgehandeld", "volgnummer": 2})
published = catalogi.operation("zaaktype_publish", {}, uuid=zaaktype["url"].rsplit("/", 1)[1])
step("zaaktype published (catalogi)", published.get("concept") is False, published)

# The zaak flow.
zaak = zaken.create("zaak", {"zaaktype": zaaktype["url"], "bronorganisatie": "002220647",
                             "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-03-01",
                             "omschrijving": "Losliggende stoeptegel"})
step("create zaak", zaak.get("url", "").startswith(base + "/zaken/api/v1/zaken/"), zaak)
method, url, headers = sent[-1]
step("create sent the spec's required Content-Crs", headers.get("Content-Crs") == "EPSG:4326", headers)
step("create sent no Accept-Crs (optional in the spec)", "Accept-Crs" not in headers, headers)

read = zaken.retrieve("zaak", url=zaak["url"])
step("read zaak", read["url"] == zaak["url"] and read["omschrijving"] == "Losliggende stoeptegel", read)

listed = zaken.list("zaak", params={"zaaktype": zaaktype["url"]})
step("list zaken filtered by zaaktype", listed["count"] == 1 and listed["results"][0]["url"] == zaak["url"], listed)
other = zaken.list("zaak", params={"bronorganisatie": "123456782"})
step("the filter filters", other["count"] == 0, other)

status = zaken.create("status", {"zaak": zaak["url"], "statustype": statustype["url"],
                                 "datumStatusGezet": "2026-03-01T10:00:00Z"})
step("add status", status["zaak"] == zaak["url"] and status["statustype"] == statustype["url"], status)
step("the zaak names its status", zaken.retrieve("zaak", url=zaak["url"])["status"] == status["url"])

patched = zaken.partial_update("zaak", {"toelichting": "Tegel ligt bij de bushalte"}, url=zaak["url"])
step("PATCH zaak", patched["toelichting"] == "Tegel ligt bij de bushalte" and patched["omschrijving"] == "Losliggende stoeptegel", patched)

type_read = catalogi.retrieve("zaaktype", url=read["zaaktype"])
step("read the zaak's zaaktype", type_read["url"] == zaaktype["url"] and type_read["omschrijving"] == "Melding openbare ruimte", type_read)

print(f"real client flow passed: {len(sent)} requests through gemma-zds-client")
