import Domain
import Foundation
import ZGWHTTP

/// `ResultaatTypeRequest`: fields as changes over a base state; brondatumArchiefprocedure checked per
/// afleidingswijze (ztc-004..008).
struct ResultaatTypeInput: SubTypeInput {
    var common: SubTypeCommonFields
    var changes: [@Sendable (inout ResultaatType) -> Void] = []
    var omschrijving: String?
    var resultaattypeomschrijving: String?
    var selectielijstklasse: String?

    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> ResultaatTypeInput {
        var body = body
        var validator = FieldValidator()
        var input = ResultaatTypeInput(common: SubTypeCommonFields.parse(&body, validator: &validator, references: references, partial: partial))
        var urlErrors: [FieldError] = []
        input.omschrijving = body.string("omschrijving")
        if !partial || input.omschrijving != nil { validator.requireText(input.omschrijving, "omschrijving", maxLength: 30) }
        for name in ["resultaattypeomschrijving", "selectielijstklasse"] {
            let value = body.string(name)
            if !partial || value != nil {
                validator.requireText(value, name, maxLength: 1000)
                if let value, !value.isEmpty, URL(string: value)?.scheme == nil { validator.add(FieldError(name: name, code: "invalid", reason: "Voer een geldige URL in.")) }
            }
            if name == "resultaattypeomschrijving" { input.resultaattypeomschrijving = value } else { input.selectielijstklasse = value }
        }
        if let toelichting = body.string("toelichting") { input.changes.append { $0.toelichting = toelichting } }
        if let nominatie = body.string("archiefnominatie") {
            if !nominatie.isEmpty, ResultaatType.Archiefnominatie(rawValue: nominatie) == nil {
                validator.add(FieldError(name: "archiefnominatie", code: "invalid_choice", reason: "\"\(nominatie)\" is een ongeldige keuze."))
            }
            input.changes.append { $0.archiefnominatie = nominatie }
        }
        for (name, keyPath) in [("archiefactietermijn", \ResultaatType.archiefactietermijn), ("procestermijn", \ResultaatType.procestermijn)] as [(String, WritableKeyPath<ResultaatType, String?> & Sendable)] {
            guard body.has(name) else { continue }
            let value = body.string(name, nullable: true)
            validator.duration(value, name)
            input.changes.append { $0[keyPath: keyPath] = value }
        }
        if let aard = body.string("procesobjectaard") {
            validator.text(aard, "procesobjectaard", maxLength: 200)
            input.changes.append { $0.procesobjectaard = aard }
        }
        if body.has("indicatieSpecifiek") {
            let specifiek = body.bool("indicatieSpecifiek")
            input.changes.append { $0.indicatieSpecifiek = specifiek }
        }
        if body.has("brondatumArchiefprocedure") {
            var procedure: ResultaatType.BrondatumArchiefprocedure?
            if var object = body.object("brondatumArchiefprocedure") {
                let afleidingswijze = object.choice("afleidingswijze", ResultaatType.Afleidingswijze.self)
                let datumkenmerk = object.string("datumkenmerk") ?? "", registratie = object.string("registratie") ?? ""
                let objecttype = object.string("objecttype") ?? "", einddatumBekend = object.bool("einddatumBekend") ?? false
                let termijn = object.string("procestermijn", nullable: true)
                validator.text(datumkenmerk, "brondatumArchiefprocedure.datumkenmerk", maxLength: 80)
                validator.text(registratie, "brondatumArchiefprocedure.registratie", maxLength: 80)
                validator.duration(termijn, "brondatumArchiefprocedure.procestermijn")
                if !objecttype.isEmpty, !ResultaatType.objecttypen.contains(objecttype) {
                    validator.add(FieldError(name: "brondatumArchiefprocedure.objecttype", code: "invalid_choice", reason: "\"\(objecttype)\" is een ongeldige keuze."))
                }
                object.errors.forEach { validator.add($0) }
                if let afleidingswijze {
                    procedure = ResultaatType.BrondatumArchiefprocedure(
                        afleidingswijze: afleidingswijze, datumkenmerk: datumkenmerk, einddatumBekend: einddatumBekend, objecttype: objecttype,
                        registratie: registratie, procestermijn: termijn)
                    procedure?.fieldErrors().forEach { validator.add($0) }
                } else if !object.errors.contains(where: { $0.name.hasSuffix("afleidingswijze") }) {
                    validator.add(.required("brondatumArchiefprocedure.afleidingswijze"))
                }
            }
            let value = procedure
            input.changes.append { $0.brondatumArchiefprocedure = value }
        }
        for (name, collection) in [("besluittypen", "besluittypen"), ("informatieobjecttypen", "informatieobjecttypen")] {
            guard let urls = body.stringArray(name) else { continue }
            let uuids = urls.compactMap { references.resolve($0, api: .catalogi, collection: collection, field: name, into: &urlErrors) }
            if name == "besluittypen" { input.changes.append { $0.besluittypen = uuids } } else { input.changes.append { $0.informatieobjecttypen = uuids } }
        }
        urlErrors.forEach { validator.add($0) }
        body.errors.forEach { validator.add($0) }
        try validator.check()
        return input
    }

    func makeNew() -> ResultaatType {
        apply(to: ResultaatType(zaaktype: common.zaaktype!, omschrijving: "", resultaattypeomschrijving: "", selectielijstklasse: ""))
    }

    func apply(to base: ResultaatType) -> ResultaatType {
        var type = base
        if let zaaktype = common.zaaktype { type.zaaktype = zaaktype }
        if let omschrijving { type.omschrijving = omschrijving }
        if let resultaattypeomschrijving { type.resultaattypeomschrijving = resultaattypeomschrijving }
        if let selectielijstklasse { type.selectielijstklasse = selectielijstklasse }
        if let begin = common.beginGeldigheid { type.beginGeldigheid = begin }
        if let einde = common.eindeGeldigheid { type.eindeGeldigheid = einde }
        for change in changes { change(&type) }
        return type
    }
}
