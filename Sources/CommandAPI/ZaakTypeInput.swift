import Domain
import Foundation
import ZGWHTTP

/// The writable fields of a zaaktype (`ZaakTypeRequest`), as a dictionary of changes applied over a base state
/// (an empty one for POST and PUT, the current one for PATCH).
struct ZaakTypeInput: CatalogusTypeInput {
    var fields: Set<String>
    var changes: [@Sendable (inout ZaakType) -> Void] = []
    // The required fields of a new zaaktype, kept apart to build one.
    var catalogus: UUID?
    var omschrijving: String?
    var vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding?
    var indicatie: ZaakType.IndicatieInternOfExtern?
    var beginGeldigheid: ZGWDate?
    var versiedatum: ZGWDate?
    var referentieproces: ZaakType.ReferentieProces?

    static let required = [
        "aanleiding", "beginGeldigheid", "besluittypen", "catalogus", "doel", "doorlooptijd", "gerelateerdeZaaktypen", "handelingBehandelaar",
        "handelingInitiator", "indicatieInternOfExtern", "omschrijving", "onderwerp", "opschortingEnAanhoudingMogelijk", "productenOfDiensten",
        "publicatieIndicatie", "referentieproces", "verantwoordelijke", "verlengingMogelijk", "versiedatum", "vertrouwelijkheidaanduiding",
    ]
    static let writable = Set(required + [
        "identificatie", "omschrijvingGeneriek", "toelichting", "servicenorm", "verlengingstermijn", "trefwoorden", "publicatietekst",
        "verantwoordingsrelatie", "selectielijstProcestype", "broncatalogus", "bronzaaktype", "eindeGeldigheid", "deelzaaktypen",
    ])

    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> ZaakTypeInput {
        var body = body
        var input = ZaakTypeInput(fields: body.keys.intersection(writable))
        var validator = FieldValidator()
        var urlErrors: [FieldError] = []

        func text(_ name: String, _ keyPath: WritableKeyPath<ZaakType, String> & Sendable, max: Int? = nil, required: Bool = false) {
            guard let value = body.string(name) else { return }
            if required { validator.requireText(value, name, maxLength: max) } else { validator.text(value, name, maxLength: max) }
            input.changes.append { $0[keyPath: keyPath] = value }
        }
        func flag(_ name: String, _ keyPath: WritableKeyPath<ZaakType, Bool> & Sendable) {
            guard let value = body.bool(name) else { return }
            input.changes.append { $0[keyPath: keyPath] = value }
        }
        func duration(_ name: String, _ keyPath: WritableKeyPath<ZaakType, String?> & Sendable) {
            guard body.has(name) else { return }
            let value = body.string(name, nullable: true)
            validator.duration(value, name)
            input.changes.append { $0[keyPath: keyPath] = value }
        }
        func list(_ name: String, _ keyPath: WritableKeyPath<ZaakType, [String]> & Sendable, itemMax: Int?, urls: Bool = false) {
            guard let values = body.stringArray(name) else { return }
            for (index, value) in values.enumerated() {
                validator.requireText(value, "\(name).\(index)", maxLength: itemMax)
                if urls, URL(string: value)?.scheme == nil { validator.add(FieldError(name: "\(name).\(index)", code: "invalid", reason: "Voer een geldige URL in.")) }
            }
            input.changes.append { $0[keyPath: keyPath] = values }
        }
        func types(_ name: String, _ keyPath: WritableKeyPath<ZaakType, [UUID]> & Sendable) {
            guard let urls = body.stringArray(name) else { return }
            let uuids = urls.compactMap { references.resolve($0, api: .catalogi, collection: name == "besluittypen" ? "besluittypen" : "zaaktypen", field: name, into: &urlErrors) }
            input.changes.append { $0[keyPath: keyPath] = uuids }
        }

        input.catalogus = references.resolve(body.string("catalogus"), api: .catalogi, collection: "catalogussen", field: "catalogus", into: &urlErrors)
        if let catalogus = input.catalogus { input.changes.append { $0.catalogus = catalogus } }
        text("identificatie", \.identificatie, max: 50)
        input.omschrijving = body.string("omschrijving")
        text("omschrijvingGeneriek", \.omschrijvingGeneriek, max: 80)
        input.vertrouwelijkheidaanduiding = body.choice("vertrouwelijkheidaanduiding", Vertrouwelijkheidaanduiding.self)
        text("doel", \.doel, required: true)
        text("aanleiding", \.aanleiding, required: true)
        text("toelichting", \.toelichting)
        input.indicatie = body.choice("indicatieInternOfExtern", ZaakType.IndicatieInternOfExtern.self)
        text("handelingInitiator", \.handelingInitiator, max: 20, required: true)
        text("onderwerp", \.onderwerp, max: 80, required: true)
        text("handelingBehandelaar", \.handelingBehandelaar, max: 20, required: true)
        if let doorlooptijd = body.string("doorlooptijd") {
            validator.duration(doorlooptijd, "doorlooptijd")
            input.changes.append { $0.doorlooptijd = doorlooptijd }
        }
        duration("servicenorm", \.servicenorm)
        flag("opschortingEnAanhoudingMogelijk", \.opschortingEnAanhoudingMogelijk)
        flag("verlengingMogelijk", \.verlengingMogelijk)
        duration("verlengingstermijn", \.verlengingstermijn)
        list("trefwoorden", \.trefwoorden, itemMax: 30)
        flag("publicatieIndicatie", \.publicatieIndicatie)
        text("publicatietekst", \.publicatietekst)
        list("verantwoordingsrelatie", \.verantwoordingsrelatie, itemMax: 40)
        list("productenOfDiensten", \.productenOfDiensten, itemMax: 1000, urls: true)
        if let procestype = body.string("selectielijstProcestype") {
            validator.text(procestype, "selectielijstProcestype", maxLength: 200)
            if !procestype.isEmpty, URL(string: procestype)?.scheme == nil {
                validator.add(FieldError(name: "selectielijstProcestype", code: "invalid", reason: "Voer een geldige URL in."))
            }
            input.changes.append { $0.selectielijstProcestype = procestype }
        }
        if var proces = body.object("referentieproces") {
            let naam = proces.string("naam")
            let link = proces.string("link") ?? ""
            validator.requireText(naam, "referentieproces.naam", maxLength: 80)
            validator.text(link, "referentieproces.link", maxLength: 200)
            proces.errors.forEach { validator.add($0) }
            input.referentieproces = ZaakType.ReferentieProces(naam: naam ?? "", link: link)
        }
        text("verantwoordelijke", \.verantwoordelijke, max: 50, required: true)
        if body.has("broncatalogus") {
            var bron = body.object("broncatalogus")
            let value = bron.map { _ in
                ZaakType.BronCatalogus(url: bron?.string("url") ?? "", domein: bron?.string("domein") ?? "", rsin: bron?.string("rsin") ?? "")
            }
            if let value {
                validator.requireText(value.url, "broncatalogus.url", maxLength: 200)
                validator.requireText(value.domein, "broncatalogus.domein", maxLength: 5)
                validator.rsin(value.rsin, "broncatalogus.rsin", required: true)
                bron?.errors.forEach { validator.add($0) }
            }
            input.changes.append { $0.broncatalogus = value }
        }
        if body.has("bronzaaktype") {
            var bron = body.object("bronzaaktype")
            let value = bron.map { _ in
                ZaakType.BronZaaktype(url: bron?.string("url") ?? "", identificatie: bron?.string("identificatie") ?? "", omschrijving: bron?.string("omschrijving") ?? "")
            }
            if let value {
                validator.requireText(value.url, "bronzaaktype.url", maxLength: 200)
                validator.requireText(value.identificatie, "bronzaaktype.identificatie", maxLength: 50)
                validator.requireText(value.omschrijving, "bronzaaktype.omschrijving", maxLength: 80)
                bron?.errors.forEach { validator.add($0) }
            }
            input.changes.append { $0.bronzaaktype = value }
        }
        input.beginGeldigheid = body.date("beginGeldigheid", nullable: false)
        if body.has("eindeGeldigheid") {
            let einde = body.date("eindeGeldigheid")
            input.changes.append { $0.eindeGeldigheid = einde }
        }
        input.versiedatum = body.date("versiedatum", nullable: false)
        types("besluittypen", \.besluittypen)
        types("deelzaaktypen", \.deelzaaktypen)
        if let relaties = body.arrayOfObjects("gerelateerdeZaaktypen") {
            var values: [ZaakType.ZaakTypenRelatie] = []
            for (index, var relatie) in relaties.enumerated() {
                let zaaktype = relatie.string("zaaktype")
                let aard = relatie.choice("aardRelatie", ZaakType.AardRelatie.self)
                let toelichting = relatie.string("toelichting") ?? ""
                validator.requireText(zaaktype, "gerelateerdeZaaktypen.\(index).zaaktype", maxLength: 200)
                if aard == nil, !relatie.errors.contains(where: { $0.name.hasSuffix("aardRelatie") }) {
                    validator.add(.required("gerelateerdeZaaktypen.\(index).aardRelatie"))
                }
                validator.text(toelichting, "gerelateerdeZaaktypen.\(index).toelichting", maxLength: 255)
                relatie.errors.forEach { validator.add($0) }
                if let zaaktype, let aard { values.append(ZaakType.ZaakTypenRelatie(zaaktype: zaaktype, aardRelatie: aard, toelichting: toelichting)) }
            }
            let relations = values
            input.changes.append { $0.gerelateerdeZaaktypen = relations }
        }
        if let omschrijving = input.omschrijving { validator.requireText(omschrijving, "omschrijving", maxLength: 80) }
        body.errors.forEach { validator.add($0) }
        urlErrors.forEach { validator.add($0) }
        if !partial {
            let failed = Set(validator.errors.map { $0.name.split(separator: ".").first.map(String.init) ?? $0.name })
            for name in required where !body.has(name) && !failed.contains(name) { validator.add(.required(name)) }
        }
        try validator.check()
        return input
    }

    func makeNew() -> ZaakType {
        apply(to: ZaakType(
            catalogus: catalogus!, identificatie: "", omschrijving: "", vertrouwelijkheidaanduiding: vertrouwelijkheidaanduiding!, doel: "",
            aanleiding: "", indicatieInternOfExtern: indicatie!, handelingInitiator: "", onderwerp: "", handelingBehandelaar: "", doorlooptijd: "",
            opschortingEnAanhoudingMogelijk: false, verlengingMogelijk: false, publicatieIndicatie: false, referentieproces: referentieproces!,
            verantwoordelijke: "", beginGeldigheid: beginGeldigheid!, versiedatum: versiedatum!))
    }

    func apply(to base: ZaakType) -> ZaakType {
        var type = base
        if let omschrijving { type.omschrijving = omschrijving }
        if let vertrouwelijkheidaanduiding { type.vertrouwelijkheidaanduiding = vertrouwelijkheidaanduiding }
        if let indicatie { type.indicatieInternOfExtern = indicatie }
        if let beginGeldigheid { type.beginGeldigheid = beginGeldigheid }
        if let versiedatum { type.versiedatum = versiedatum }
        if let referentieproces { type.referentieproces = referentieproces }
        for change in changes { change(&type) }
        return type
    }
}
