import Domain
import EventStore
import Foundation
import Hummingbird
import Projections
import ZGWHTTP

/// `POST /catalogi/api/v1/catalogussen` (scope `catalogi.schrijven`).
public struct CatalogussenCommandController: Sendable {
    let commands: CatalogusCommands
    let baseURL: String

    public init(store: EventStore, baseURL: String) {
        self.commands = CatalogusCommands(store: store)
        self.baseURL = baseURL
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.post("catalogussen") { request, context in try await self.create(request, context: context) }
    }

    func create(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("catalogi.schrijven"), component: .ztc)
        var body = try await JSONBody.parse(request, context: context)
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
        do {
            try validator.check()
            let stored = try await commands.create(catalogus, metadata: context.eventMetadata(request, actie: "create"))
            return JSONResponse.created(
                ResourceURL.render(stored, baseURL: baseURL), location: baseURL + CatalogusRepresentation.path(catalogus.uuid))
        } catch let errors as ValidationErrors {
            throw ZGWError.validation(errors)
        }
    }
}
