#!/usr/bin/env bash
# Regenerates every table in Sources/Domain/Generated from the official specs in ../shared/specs:
# - <Api>Schemas.swift: the field tables bodies are validated with (scripts/generate-schemas.py, roots named here);
# - <Api>Operations.swift: the operations we serve, as the spec Open Zaak serves declares them
#   (scripts/generate-operations.py); the operations of that spec we do not serve are named here.
# The server builds its OpenAPI documents (<api root>/schema/openapi.yaml) from these tables and its routes;
# OpenAPIDocumentTests checks both against the routes and the specs.
set -euo pipefail
cd "$(dirname "$0")/.."
specs="$(cd .. && pwd)/shared/specs"
out=Sources/Domain/Generated

schemas() { python3 scripts/generate-schemas.py "$specs/$1" "${@:2}"; }
operations() { python3 scripts/generate-operations.py "$specs/$1" "${@:2}"; }

schemas zaken-1.5.1-vng.yaml zaken AuditTrail ContactPersoonRol KlantContact ObjectAdres ObjectBuurt ObjectGemeente \
    ObjectGemeentelijkeOpenbareRuimte ObjectHuishouden ObjectInrichtingselement ObjectKadastraleOnroerendeZaak \
    ObjectKunstwerkdeel ObjectMaatschappelijkeActiviteit ObjectOpenbareRuimte ObjectOverige ObjectPand \
    ObjectSpoorbaandeel ObjectTerreinGebouwdObject ObjectTerreindeel ObjectTypeOverigeDefinitie ObjectWaterdeel \
    ObjectWegdeel ObjectWijk ObjectWoonplaats ObjectWozDeelobject ObjectWozObject ObjectWozWaarde ObjectZakelijkRecht \
    Opschorting Processobject RelevanteZaak Resultaat Rol RolMedewerker RolNatuurlijkPersoon RolNietNatuurlijkPersoon \
    RolOrganisatorischeEenheid RolVestiging Status SubVerblijfBuitenland TerreinGebouwdObjectAdres VerblijfsAdres \
    Verlenging WozObjectAdres Zaak ZaakBesluit ZaakContactMoment ZaakEigenschap ZaakInformatieObject ZaakKenmerk \
    ZaakObject ZaakVerzoek ZakelijkRechtHeeftAlsGerechtigde >"$out/ZakenSchemas.swift"
schemas documenten-1.4.2-vng.yaml documenten AuditTrail BestandsDeel BinnenlandsCorrespondentieadresVerzending \
    BuitenlandsCorrespondentieadresVerzending BuitenlandsCorrespondentiepostadresVerzending EnkelvoudigInformatieObject \
    EnkelvoudigInformatieObjectCreateLockRequest EnkelvoudigInformatieObjectWithLockRequest Gebruiksrechten Integriteit \
    IntegriteitRequest LockEnkelvoudigInformatieObject ObjectInformatieObject Ondertekening OndertekeningRequest \
    UnlockEnkelvoudigInformatieObjectRequest Verzending >"$out/DocumentenSchemas.swift"
schemas besluiten-1.1.0.yaml besluiten AuditTrail Besluit BesluitInformatieObject BesluitInformatieObjectSubRequest \
    BesluitSubRequest BesluitVerwerken BesluitVerwerkenRequest >"$out/BesluitenSchemas.swift"
schemas catalogi-1.3.1.yaml catalogi BesluitType Catalogus Eigenschap InformatieObjectType ResultaatType RolType \
    StatusType ZaakObjectType ZaakType ZaakTypeInformatieObjectType >"$out/CatalogiSchemas.swift"
schemas autorisaties-1.0.0.yaml autorisaties Applicatie >"$out/AutorisatiesSchemas.swift"
schemas notificaties-1.0.0.yaml notificaties Abonnement Kanaal Message >"$out/NotificatiesSchemas.swift"

# Filters of Open Zaak 1.30 (beyond VNG's 1.5.1 / 1.4.2) that our lists do not have: answered 400
# unknown-parameters, so they are no part of our documents.
zaken_filters="--without-parameter rol_list:betrokkeneIdentificatie__nietNatuurlijkPersoon__kvkNummer --without-parameter rol_list:betrokkeneIdentificatie__nietNatuurlijkPersoon__vestigingsNummer --without-parameter rol_list:betrokkeneIdentificatie__vestiging__kvkNummer --without-parameter rol_list:machtiging --without-parameter rol_list:machtiging__loa \
    --without-parameter zaak_list:identificatie__icontains --without-parameter zaak_list:kenmerk --without-parameter zaak_list:kenmerk__bron --without-parameter zaak_list:omschrijving --without-parameter zaak_list:resultaat__resultaattype --without-parameter zaak_list:rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__kvkNummer --without-parameter zaak_list:rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__vestigingsNummer --without-parameter zaak_list:rol__betrokkeneIdentificatie__vestiging__kvkNummer --without-parameter zaak_list:rol__machtiging --without-parameter zaak_list:rol__machtiging__loa --without-parameter zaak_list:status__statustype --without-parameter zaak_list:zaaktype__omschrijving"
documenten_filters="--without-parameter enkelvoudiginformatieobject_list:auteur --without-parameter enkelvoudiginformatieobject_list:beschrijving --without-parameter enkelvoudiginformatieobject_list:creatiedatum__gte --without-parameter enkelvoudiginformatieobject_list:creatiedatum__lte --without-parameter enkelvoudiginformatieobject_list:informatieobjecttype --without-parameter enkelvoudiginformatieobject_list:locked --without-parameter enkelvoudiginformatieobject_list:objectinformatieobjecten__object --without-parameter enkelvoudiginformatieobject_list:objectinformatieobjecten__objectType --without-parameter enkelvoudiginformatieobject_list:ordering --without-parameter enkelvoudiginformatieobject_list:titel --without-parameter enkelvoudiginformatieobject_list:trefwoorden__overlap --without-parameter enkelvoudiginformatieobject_list:vertrouwelijkheidaanduiding"

# Open Zaak's own operations that are no part of the standard we serve: zaak_registreren, zaak_bijwerken,
# zaak_afsluiten, zaak_opschorten, zaak_verlengen, zaaknotities, substatussen, zaaknummer reservations,
# document_registreren, documentnummer_reserveren, the documenten import, cloudevents; and PUT of a rol,
# which VNG's Zaken API 1.5.1 does not have.
operations zaken-1.5.1.yaml zaken --without-path /zaak_registreren --without-path /zaak_bijwerken/{uuid} \
    --without-path /zaak_afsluiten/{uuid} --without-path /zaak_opschorten/{uuid} --without-path /zaak_verlengen/{uuid} \
    --without-path /zaaknotities --without-path /zaaknotities/{uuid} --without-path /substatussen \
    --without-path /substatussen/{uuid} --without-path /reserveer_zaaknummer --without-path /zaaknummer_reserveren \
    --without-operation rol_update $zaken_filters >"$out/ZakenOperations.swift"
operations documenten-1.4.2.yaml documenten --without-path /document_registreren --without-path /documentnummer_reserveren \
    --without-path /import/create --without-path /import/{uuid}/delete --without-path /import/{uuid}/report \
    --without-path /import/{uuid}/status --without-path /import/{uuid}/upload $documenten_filters >"$out/DocumentenOperations.swift"
operations catalogi-1.3.1.yaml catalogi >"$out/CatalogiOperations.swift"
operations besluiten-1.1.0.yaml besluiten >"$out/BesluitenOperations.swift"
operations autorisaties-1.0.0.yaml autorisaties >"$out/AutorisatiesOperations.swift"
operations notificaties-1.0.0.yaml notificaties --without-path /cloudevents >"$out/NotificatiesOperations.swift"
