import Domain
import Foundation
import EventStore
import Hummingbird
import ZGWHTTP

/// Mounts every write endpoint of the Catalogi API.
public enum CatalogiCommandControllers {
    public static func addRoutes(to group: RouterGroup<ZGWRequestContext>, store: EventStore, baseURL: String, selectielijst: SelectielijstClient) {
        addRoutes(to: group, commands: CatalogiCommandSet(store: store, selectielijst: selectielijst), baseURL: baseURL)
    }

    public static func addRoutes(to group: RouterGroup<ZGWRequestContext>, commands: CatalogiCommandSet, baseURL: String) {
        CatalogussenCommandController(commands: commands.catalogussen, baseURL: baseURL).addRoutes(to: group)
        CatalogusTypeCommandController<InformatieObjectTypeInput>(commands: commands.informatieobjecttypen, collection: "informatieobjecttypen", baseURL: baseURL)
            .addRoutes(to: group)
        CatalogusTypeCommandController<BesluitTypeInput>(commands: commands.besluittypen, collection: "besluittypen", baseURL: baseURL).addRoutes(to: group)
        CatalogusTypeCommandController<ZaakTypeInput>(commands: commands.zaaktypen, collection: "zaaktypen", baseURL: baseURL).addRoutes(to: group)
        ZaakTypeSubTypeCommandController<StatusTypeInput>(commands: commands.statustypen, collection: "statustypen", baseURL: baseURL).addRoutes(to: group)
        ZaakTypeSubTypeCommandController<RolTypeInput>(commands: commands.roltypen, collection: "roltypen", baseURL: baseURL).addRoutes(to: group)
        ZaakTypeSubTypeCommandController<ZaakTypeInformatieObjectTypeInput>(
            commands: commands.zaaktypeInformatieobjecttypen, collection: "zaaktype-informatieobjecttypen", baseURL: baseURL
        ).addRoutes(to: group)
        ZaakTypeSubTypeCommandController<EigenschapInput>(commands: commands.eigenschappen, collection: "eigenschappen", baseURL: baseURL).addRoutes(to: group)
        ZaakTypeSubTypeCommandController<ZaakObjectTypeInput>(commands: commands.zaakobjecttypen, collection: "zaakobjecttypen", baseURL: baseURL).addRoutes(to: group)
        ZaakTypeSubTypeCommandController<ResultaatTypeInput>(commands: commands.resultaattypen, collection: "resultaattypen", baseURL: baseURL).addRoutes(to: group)
    }
}
