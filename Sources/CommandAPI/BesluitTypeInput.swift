import Domain
import Foundation
import ZGWHTTP

/// The writable fields of a besluittype (`BesluitTypeRequest`).
struct BesluitTypeInput: CatalogusTypeInput {
    var fields: Set<String>
    var catalogus: UUID?
    var omschrijving: String?
    var omschrijvingGeneriek: String?
    var besluitcategorie: String?
    var reactietermijn: String?
    var publicatieIndicatie: Bool?
    var publicatietekst: String?
    var publicatietermijn: String?
    var toelichting: String?
    var informatieobjecttypen: [UUID]?
    var beginGeldigheid: ZGWDate?
    var eindeGeldigheid: ZGWDate?

    static let writable: Set<String> = [
        "catalogus", "omschrijving", "omschrijvingGeneriek", "besluitcategorie", "reactietermijn", "publicatieIndicatie", "publicatietekst",
        "publicatietermijn", "toelichting", "informatieobjecttypen", "beginGeldigheid", "eindeGeldigheid",
    ]

    static func parse(_ body: JSONBody, partial: Bool, references: ResourceReference) throws(ValidationErrors) -> BesluitTypeInput {
        var body = body
        var input = BesluitTypeInput(fields: body.keys.intersection(writable))
        var validator = FieldValidator()
        var urlErrors: [FieldError] = []
        input.catalogus = references.resolve(body.string("catalogus"), api: .catalogi, collection: "catalogussen", field: "catalogus", into: &urlErrors)
        input.omschrijving = body.string("omschrijving")
        input.omschrijvingGeneriek = body.string("omschrijvingGeneriek")
        input.besluitcategorie = body.string("besluitcategorie")
        input.reactietermijn = body.string("reactietermijn", nullable: true)
        input.publicatieIndicatie = body.bool("publicatieIndicatie")
        input.publicatietekst = body.string("publicatietekst")
        input.publicatietermijn = body.string("publicatietermijn", nullable: true)
        input.toelichting = body.string("toelichting")
        if let urls = body.stringArray("informatieobjecttypen") {
            var uuids: [UUID] = []
            for url in urls {
                if let uuid = references.resolve(url, api: .catalogi, collection: "informatieobjecttypen", field: "informatieobjecttypen", into: &urlErrors) {
                    uuids.append(uuid)
                }
            }
            input.informatieobjecttypen = uuids
        }
        input.beginGeldigheid = body.date("beginGeldigheid", nullable: false)
        input.eindeGeldigheid = body.date("eindeGeldigheid")
        body.errors.forEach { validator.add($0) }
        urlErrors.forEach { validator.add($0) }
        let failed = Set(validator.errors.map(\.name))
        if !partial {
            for (name, present) in [
                ("catalogus", input.catalogus != nil), ("publicatieIndicatie", input.publicatieIndicatie != nil),
                ("beginGeldigheid", input.beginGeldigheid != nil), ("informatieobjecttypen", input.informatieobjecttypen != nil),
            ] where !present && !failed.contains(name) {
                validator.add(.required(name))
            }
        }
        validator.text(input.omschrijving, "omschrijving", maxLength: 80)
        validator.text(input.omschrijvingGeneriek, "omschrijvingGeneriek", maxLength: 80)
        validator.text(input.besluitcategorie, "besluitcategorie", maxLength: 40)
        validator.text(input.publicatietekst, "publicatietekst")
        validator.text(input.toelichting, "toelichting")
        validator.duration(input.reactietermijn, "reactietermijn")
        validator.duration(input.publicatietermijn, "publicatietermijn")
        try validator.check()
        return input
    }

    func makeNew() -> BesluitType {
        apply(to: BesluitType(catalogus: catalogus!, publicatieIndicatie: publicatieIndicatie!, beginGeldigheid: beginGeldigheid!))
    }

    func apply(to base: BesluitType) -> BesluitType {
        var type = base
        if let catalogus { type.catalogus = catalogus }
        if let omschrijving { type.omschrijving = omschrijving }
        if let omschrijvingGeneriek { type.omschrijvingGeneriek = omschrijvingGeneriek }
        if let besluitcategorie { type.besluitcategorie = besluitcategorie }
        if fields.contains("reactietermijn") { type.reactietermijn = reactietermijn }
        if let publicatieIndicatie { type.publicatieIndicatie = publicatieIndicatie }
        if let publicatietekst { type.publicatietekst = publicatietekst }
        if fields.contains("publicatietermijn") { type.publicatietermijn = publicatietermijn }
        if let toelichting { type.toelichting = toelichting }
        if let informatieobjecttypen { type.informatieobjecttypen = informatieobjecttypen }
        if let beginGeldigheid { type.beginGeldigheid = beginGeldigheid }
        if fields.contains("eindeGeldigheid") { type.eindeGeldigheid = eindeGeldigheid }
        return type
    }
}
