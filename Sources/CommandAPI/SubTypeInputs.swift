import Domain
import Foundation
import ZGWHTTP

/// The writable fields of one zaaktype sub-type as a request sends them.
protocol SubTypeInput: Sendable {
    associatedtype Resource: ZaakTypeSubType
    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> Self
    func makeNew() -> Resource
    func apply(to base: Resource) -> Resource
}

/// The zaaktype reference and validity every sub-type has.
struct SubTypeCommonFields {
    var zaaktype: UUID?
    /// Set when the request sent `statustype` (nil inside: cleared).
    var statustype: UUID??
    var beginGeldigheid: ZGWDate??
    var eindeGeldigheid: ZGWDate??

    static func parse(_ body: inout JSONBody, validator: inout FieldValidator, references: ResourceReference, partial: Bool) -> SubTypeCommonFields {
        var urlErrors: [FieldError] = []
        var fields = SubTypeCommonFields()
        fields.zaaktype = references.resolve(body.string("zaaktype"), api: .catalogi, collection: "zaaktypen", field: "zaaktype", into: &urlErrors)
        if body.has("statustype") {
            fields.statustype = .some(references.resolve(
                body.string("statustype", nullable: true), api: .catalogi, collection: "statustypen", field: "statustype", into: &urlErrors))
        }
        if body.has("beginGeldigheid") { fields.beginGeldigheid = .some(body.date("beginGeldigheid")) }
        if body.has("eindeGeldigheid") { fields.eindeGeldigheid = .some(body.date("eindeGeldigheid")) }
        urlErrors.forEach { validator.add($0) }
        if !partial, !body.has("zaaktype") { validator.add(.required("zaaktype")) }
        return fields
    }
}

/// `StatusTypeRequest`.
struct StatusTypeInput: SubTypeInput {
    var common: SubTypeCommonFields
    var changes: [@Sendable (inout StatusType) -> Void] = []
    var omschrijving: String?
    var volgnummer: Int?

    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> StatusTypeInput {
        var body = body
        var validator = FieldValidator()
        var input = StatusTypeInput(common: SubTypeCommonFields.parse(&body, validator: &validator, references: references, partial: partial))
        input.omschrijving = body.string("omschrijving")
        if !partial || input.omschrijving != nil { validator.requireText(input.omschrijving, "omschrijving", maxLength: 80) }
        input.volgnummer = body.integer("volgnummer")
        if let volgnummer = input.volgnummer, !(1...9999).contains(volgnummer) {
            validator.add(FieldError(name: "volgnummer", code: "max_value", reason: "Volgnummer ligt tussen 1 en 9999."))
        }
        if !partial, !body.has("volgnummer") { validator.add(.required("volgnummer")) }
        if let generiek = body.string("omschrijvingGeneriek") {
            validator.text(generiek, "omschrijvingGeneriek", maxLength: 80)
            input.changes.append { $0.omschrijvingGeneriek = generiek }
        }
        if let tekst = body.string("statustekst") {
            validator.text(tekst, "statustekst", maxLength: 1000)
            input.changes.append { $0.statustekst = tekst }
        }
        if let informeren = body.bool("informeren") { input.changes.append { $0.informeren = informeren } }
        if body.has("doorlooptijd") {
            let doorlooptijd = body.string("doorlooptijd", nullable: true)
            validator.duration(doorlooptijd, "doorlooptijd")
            input.changes.append { $0.doorlooptijd = doorlooptijd }
        }
        if body.has("toelichting") {
            let toelichting = body.string("toelichting", nullable: true)
            validator.text(toelichting, "toelichting", maxLength: 1000)
            input.changes.append { $0.toelichting = toelichting }
        }
        if let items = body.arrayOfObjects("checklistitemStatustype") {
            var values: [StatusType.CheckListItem] = []
            for (index, var item) in items.enumerated() {
                let naam = item.string("itemnaam"), vraag = item.string("vraagstelling"), toelichting = item.string("toelichting") ?? ""
                validator.requireText(naam, "checklistitemStatustype.\(index).itemnaam", maxLength: 30)
                validator.requireText(vraag, "checklistitemStatustype.\(index).vraagstelling", maxLength: 255)
                validator.text(toelichting, "checklistitemStatustype.\(index).toelichting", maxLength: 1000)
                let verplicht = item.bool("verplicht") ?? false
                item.errors.forEach { validator.add($0) }
                values.append(StatusType.CheckListItem(itemnaam: naam ?? "", toelichting: toelichting, vraagstelling: vraag ?? "", verplicht: verplicht))
            }
            let checklist = values
            input.changes.append { $0.checklistitemStatustype = checklist }
        }
        body.errors.forEach { validator.add($0) }
        try validator.check()
        return input
    }

    func makeNew() -> StatusType {
        apply(to: StatusType(zaaktype: common.zaaktype!, omschrijving: "", volgnummer: 0))
    }

    func apply(to base: StatusType) -> StatusType {
        var type = base
        if let zaaktype = common.zaaktype { type.zaaktype = zaaktype }
        if let omschrijving { type.omschrijving = omschrijving }
        if let volgnummer { type.volgnummer = volgnummer }
        if let begin = common.beginGeldigheid { type.beginGeldigheid = begin }
        if let einde = common.eindeGeldigheid { type.eindeGeldigheid = einde }
        for change in changes { change(&type) }
        return type
    }
}

/// `RolTypeRequest`.
struct RolTypeInput: SubTypeInput {
    var common: SubTypeCommonFields
    var omschrijving: String?
    var generiek: RolType.OmschrijvingGeneriek?

    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> RolTypeInput {
        var body = body
        var validator = FieldValidator()
        var input = RolTypeInput(common: SubTypeCommonFields.parse(&body, validator: &validator, references: references, partial: partial))
        input.omschrijving = body.string("omschrijving")
        if !partial || input.omschrijving != nil { validator.requireText(input.omschrijving, "omschrijving", maxLength: 100) }
        input.generiek = body.choice("omschrijvingGeneriek", RolType.OmschrijvingGeneriek.self)
        if !partial, !body.has("omschrijvingGeneriek") { validator.add(.required("omschrijvingGeneriek")) }
        body.errors.forEach { validator.add($0) }
        try validator.check()
        return input
    }

    func makeNew() -> RolType {
        apply(to: RolType(zaaktype: common.zaaktype!, omschrijving: "", omschrijvingGeneriek: generiek!))
    }

    func apply(to base: RolType) -> RolType {
        var type = base
        if let zaaktype = common.zaaktype { type.zaaktype = zaaktype }
        if let omschrijving { type.omschrijving = omschrijving }
        if let generiek { type.omschrijvingGeneriek = generiek }
        if let begin = common.beginGeldigheid { type.beginGeldigheid = begin }
        if let einde = common.eindeGeldigheid { type.eindeGeldigheid = einde }
        return type
    }
}

/// `ZaakTypeInformatieObjectTypeRequest`.
struct ZaakTypeInformatieObjectTypeInput: SubTypeInput {
    var common: SubTypeCommonFields
    var informatieobjecttype: UUID?
    var volgnummer: Int?
    var richting: ZaakTypeInformatieObjectType.Richting?

    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> ZaakTypeInformatieObjectTypeInput {
        var body = body
        var validator = FieldValidator()
        var input = ZaakTypeInformatieObjectTypeInput(common: SubTypeCommonFields.parse(&body, validator: &validator, references: references, partial: partial))
        var urlErrors: [FieldError] = []
        input.informatieobjecttype = references.resolve(
            body.string("informatieobjecttype"), api: .catalogi, collection: "informatieobjecttypen", field: "informatieobjecttype", into: &urlErrors)
        input.volgnummer = body.integer("volgnummer")
        if let volgnummer = input.volgnummer, !(1...999).contains(volgnummer) {
            validator.add(FieldError(name: "volgnummer", code: "max_value", reason: "Volgnummer ligt tussen 1 en 999."))
        }
        input.richting = body.choice("richting", ZaakTypeInformatieObjectType.Richting.self)
        for name in ["informatieobjecttype", "volgnummer", "richting"] where !partial && !body.has(name) { validator.add(.required(name)) }
        urlErrors.forEach { validator.add($0) }
        body.errors.forEach { validator.add($0) }
        try validator.check()
        return input
    }

    func makeNew() -> ZaakTypeInformatieObjectType {
        apply(to: ZaakTypeInformatieObjectType(zaaktype: common.zaaktype!, informatieobjecttype: informatieobjecttype!, volgnummer: volgnummer!, richting: richting!))
    }

    func apply(to base: ZaakTypeInformatieObjectType) -> ZaakTypeInformatieObjectType {
        var type = base
        if let zaaktype = common.zaaktype { type.zaaktype = zaaktype }
        if let informatieobjecttype { type.informatieobjecttype = informatieobjecttype }
        if let volgnummer { type.volgnummer = volgnummer }
        if let richting { type.richting = richting }
        if let statustype = common.statustype { type.statustype = statustype }
        return type
    }
}

/// `EigenschapRequest`.
struct EigenschapInput: SubTypeInput {
    var common: SubTypeCommonFields
    var naam: String?
    var definitie: String?
    var specificatie: Eigenschap.Specificatie?
    var toelichting: String?

    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> EigenschapInput {
        var body = body
        var validator = FieldValidator()
        var input = EigenschapInput(common: SubTypeCommonFields.parse(&body, validator: &validator, references: references, partial: partial))
        input.naam = body.string("naam")
        input.definitie = body.string("definitie")
        input.toelichting = body.string("toelichting")
        if !partial || input.naam != nil { validator.requireText(input.naam, "naam", maxLength: 20) }
        if !partial || input.definitie != nil { validator.requireText(input.definitie, "definitie", maxLength: 255) }
        validator.text(input.toelichting, "toelichting", maxLength: 1000)
        if var specificatie = body.object("specificatie") {
            let groep = specificatie.string("groep") ?? ""
            let formaat = specificatie.choice("formaat", Eigenschap.Formaat.self)
            let lengte = specificatie.string("lengte"), kardinaliteit = specificatie.string("kardinaliteit")
            let waarden = specificatie.stringArray("waardenverzameling") ?? []
            validator.text(groep, "specificatie.groep", maxLength: 32)
            if formaat == nil, !specificatie.errors.contains(where: { $0.name == "specificatie.formaat" }) { validator.add(.required("specificatie.formaat")) }
            validator.requireText(lengte, "specificatie.lengte", maxLength: 14)
            validator.requireText(kardinaliteit, "specificatie.kardinaliteit", maxLength: 3)
            specificatie.errors.forEach { validator.add($0) }
            if let formaat, let lengte, let kardinaliteit {
                input.specificatie = Eigenschap.Specificatie(groep: groep, formaat: formaat, lengte: lengte, kardinaliteit: kardinaliteit, waardenverzameling: waarden)
            }
        } else if !partial, !body.errors.contains(where: { $0.name == "specificatie" }) {
            validator.add(.required("specificatie"))
        }
        body.errors.forEach { validator.add($0) }
        try validator.check()
        return input
    }

    func makeNew() -> Eigenschap {
        apply(to: Eigenschap(zaaktype: common.zaaktype!, naam: "", definitie: "", specificatie: specificatie!))
    }

    func apply(to base: Eigenschap) -> Eigenschap {
        var type = base
        if let zaaktype = common.zaaktype { type.zaaktype = zaaktype }
        if let naam { type.naam = naam }
        if let definitie { type.definitie = definitie }
        if let specificatie { type.specificatie = specificatie }
        if let toelichting { type.toelichting = toelichting }
        if let statustype = common.statustype { type.statustype = statustype }
        if let begin = common.beginGeldigheid { type.beginGeldigheid = begin }
        if let einde = common.eindeGeldigheid { type.eindeGeldigheid = einde }
        return type
    }
}

/// `ZaakObjectTypeRequest`.
struct ZaakObjectTypeInput: SubTypeInput {
    var common: SubTypeCommonFields
    var anderObjecttype: Bool?
    var objecttype: String?
    var relatieOmschrijving: String?

    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> ZaakObjectTypeInput {
        var body = body
        var validator = FieldValidator()
        var input = ZaakObjectTypeInput(common: SubTypeCommonFields.parse(&body, validator: &validator, references: references, partial: partial))
        input.anderObjecttype = body.bool("anderObjecttype")
        input.objecttype = body.string("objecttype")
        input.relatieOmschrijving = body.string("relatieOmschrijving")
        if !partial, !body.has("anderObjecttype") { validator.add(.required("anderObjecttype")) }
        if !partial || input.objecttype != nil {
            validator.requireText(input.objecttype, "objecttype", maxLength: 200)
            if let objecttype = input.objecttype, URL(string: objecttype)?.scheme == nil {
                validator.add(FieldError(name: "objecttype", code: "invalid", reason: "Voer een geldige URL in."))
            }
        }
        if !partial || input.relatieOmschrijving != nil { validator.requireText(input.relatieOmschrijving, "relatieOmschrijving", maxLength: 80) }
        body.errors.forEach { validator.add($0) }
        try validator.check()
        return input
    }

    func makeNew() -> ZaakObjectType {
        apply(to: ZaakObjectType(zaaktype: common.zaaktype!, anderObjecttype: anderObjecttype!, objecttype: "", relatieOmschrijving: ""))
    }

    func apply(to base: ZaakObjectType) -> ZaakObjectType {
        var type = base
        if let zaaktype = common.zaaktype { type.zaaktype = zaaktype }
        if let anderObjecttype { type.anderObjecttype = anderObjecttype }
        if let objecttype { type.objecttype = objecttype }
        if let relatieOmschrijving { type.relatieOmschrijving = relatieOmschrijving }
        if let statustype = common.statustype { type.statustype = statustype }
        if let begin = common.beginGeldigheid { type.beginGeldigheid = begin }
        if let einde = common.eindeGeldigheid { type.eindeGeldigheid = einde }
        return type
    }
}
