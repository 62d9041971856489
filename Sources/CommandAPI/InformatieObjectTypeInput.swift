import Domain
import Foundation
import ZGWHTTP

/// The writable fields of an informatieobjecttype as a request sends them (`InformatieObjectTypeRequest`),
/// validated like the spec says; applied over the current state for PATCH.
struct InformatieObjectTypeInput: CatalogusTypeInput {
    var fields: Set<String>
    var catalogus: UUID?
    var omschrijving: String?
    var vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding?
    var beginGeldigheid: ZGWDate?
    var eindeGeldigheid: ZGWDate?
    var informatieobjectcategorie: String?
    var trefwoord: [String]?
    var omschrijvingGeneriek: OmschrijvingGeneriek?

    static let writable: Set<String> = [
        "catalogus", "omschrijving", "vertrouwelijkheidaanduiding", "beginGeldigheid", "eindeGeldigheid", "informatieobjectcategorie",
        "trefwoord", "omschrijvingGeneriek",
    ]

    /// Parses and validates; `partial` (PATCH) makes no field required.
    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> InformatieObjectTypeInput {
        var body = body
        var input = InformatieObjectTypeInput(fields: body.keys.intersection(writable))
        var validator = FieldValidator()
        var urlErrors: [FieldError] = []
        input.catalogus = references.resolve(body.string("catalogus"), api: .catalogi, collection: "catalogussen", field: "catalogus", into: &urlErrors)
        input.omschrijving = body.string("omschrijving")
        input.vertrouwelijkheidaanduiding = body.choice("vertrouwelijkheidaanduiding", Vertrouwelijkheidaanduiding.self)
        input.beginGeldigheid = body.date("beginGeldigheid", nullable: false)
        input.eindeGeldigheid = body.date("eindeGeldigheid")
        input.informatieobjectcategorie = body.string("informatieobjectcategorie")
        input.trefwoord = body.stringArray("trefwoord")
        if var generiek = body.object("omschrijvingGeneriek") {
            var value = OmschrijvingGeneriek()
            let specs: [(WritableKeyPath<OmschrijvingGeneriek, String>, String, Int, Bool)] = [
                (\.informatieobjecttypeOmschrijvingGeneriek, "informatieobjecttypeOmschrijvingGeneriek", 80, true),
                (\.definitieInformatieobjecttypeOmschrijvingGeneriek, "definitieInformatieobjecttypeOmschrijvingGeneriek", 255, true),
                (\.herkomstInformatieobjecttypeOmschrijvingGeneriek, "herkomstInformatieobjecttypeOmschrijvingGeneriek", 12, true),
                (\.hierarchieInformatieobjecttypeOmschrijvingGeneriek, "hierarchieInformatieobjecttypeOmschrijvingGeneriek", 80, true),
                (\.opmerkingInformatieobjecttypeOmschrijvingGeneriek, "opmerkingInformatieobjecttypeOmschrijvingGeneriek", 255, false),
            ]
            for (keyPath, name, maxLength, required) in specs {
                let text = generiek.string(name)
                if required, text == nil {
                    validator.add(.required("omschrijvingGeneriek.\(name)"))
                } else {
                    validator.text(text, "omschrijvingGeneriek.\(name)", maxLength: maxLength)
                }
                value[keyPath: keyPath] = text ?? ""
            }
            generiek.errors.forEach { validator.add($0) }
            input.omschrijvingGeneriek = value
        }
        body.errors.forEach { validator.add($0) }
        urlErrors.forEach { validator.add($0) }
        let failed = Set(validator.errors.map(\.name))
        func check(_ name: String, _ present: Bool) {
            if !partial, !present, !failed.contains(name) { validator.add(.required(name)) }
        }
        check("catalogus", input.catalogus != nil)
        check("vertrouwelijkheidaanduiding", input.vertrouwelijkheidaanduiding != nil)
        check("beginGeldigheid", input.beginGeldigheid != nil)
        if !failed.contains("omschrijving"), !partial || input.omschrijving != nil {
            validator.requireText(input.omschrijving, "omschrijving", maxLength: 80)
        }
        if !failed.contains("informatieobjectcategorie"), !partial || input.informatieobjectcategorie != nil {
            validator.requireText(input.informatieobjectcategorie, "informatieobjectcategorie", maxLength: 80)
        }
        for (index, trefwoord) in (input.trefwoord ?? []).enumerated() {
            validator.requireText(trefwoord, "trefwoord.\(index)", maxLength: 30)
        }
        try validator.check()
        return input
    }

    /// A new informatieobjecttype (POST) from a complete input.
    func makeNew() -> InformatieObjectType {
        apply(to: InformatieObjectType(
            catalogus: catalogus!, omschrijving: "", vertrouwelijkheidaanduiding: vertrouwelijkheidaanduiding!,
            beginGeldigheid: beginGeldigheid!, informatieobjectcategorie: ""))
    }

    /// `base` with every field the request sent (PUT sends all of them; PATCH some).
    func apply(to base: InformatieObjectType) -> InformatieObjectType {
        var type = base
        if let catalogus { type.catalogus = catalogus }
        if let omschrijving { type.omschrijving = omschrijving }
        if let vertrouwelijkheidaanduiding { type.vertrouwelijkheidaanduiding = vertrouwelijkheidaanduiding }
        if let beginGeldigheid { type.beginGeldigheid = beginGeldigheid }
        if fields.contains("eindeGeldigheid") { type.eindeGeldigheid = eindeGeldigheid }
        if let informatieobjectcategorie { type.informatieobjectcategorie = informatieobjectcategorie }
        if let trefwoord { type.trefwoord = trefwoord }
        if let omschrijvingGeneriek { type.omschrijvingGeneriek = omschrijvingGeneriek }
        return type
    }
}
