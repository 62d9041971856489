import Domain
import ZGWHTTP

/// The fields of a new catalogus (`CatalogusRequest`), validated per the spec.
enum CatalogusInput {
    static func parse(_ body: JSONBody) throws(ValidationErrors) -> Catalogus {
        var body = body
        let catalogus = Catalogus(
            domein: body.string("domein") ?? "", rsin: body.string("rsin") ?? "",
            contactpersoonBeheerNaam: body.string("contactpersoonBeheerNaam") ?? "",
            contactpersoonBeheerTelefoonnummer: body.string("contactpersoonBeheerTelefoonnummer") ?? "",
            contactpersoonBeheerEmailadres: body.string("contactpersoonBeheerEmailadres") ?? "",
            naam: body.string("naam") ?? "", versie: body.string("versie") ?? "", begindatumVersie: body.date("begindatumVersie"))
        var validator = FieldValidator()
        body.errors.forEach { validator.add($0) }
        let typed = Set(body.errors.map(\.name))
        if !typed.contains("domein") { validator.requireText(body.has("domein") ? catalogus.domein : nil, "domein", maxLength: 5) }
        if !typed.contains("rsin") { validator.rsin(body.has("rsin") ? catalogus.rsin : nil, "rsin", required: true) }
        if !typed.contains("contactpersoonBeheerNaam") {
            validator.requireText(body.has("contactpersoonBeheerNaam") ? catalogus.contactpersoonBeheerNaam : nil, "contactpersoonBeheerNaam", maxLength: 40)
        }
        validator.text(catalogus.contactpersoonBeheerTelefoonnummer, "contactpersoonBeheerTelefoonnummer", maxLength: 20)
        validator.email(catalogus.contactpersoonBeheerEmailadres, "contactpersoonBeheerEmailadres", maxLength: 254)
        validator.text(catalogus.naam, "naam", maxLength: 200)
        validator.text(catalogus.versie, "versie", maxLength: 20)
        try validator.check()
        return catalogus
    }
}
