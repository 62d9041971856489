import Domain
import EventStore
import Foundation

/// The writes of every Catalogi resource with their rules, built once: the API's controllers and the catalogi
/// import (`CatalogiImportWriter`) use the same commands, so an imported object passes exactly the API's checks.
public struct CatalogiCommandSet: Sendable {
    public let catalogussen: CatalogusCommands
    public let informatieobjecttypen: CatalogusTypeCommands<InformatieObjectType>
    public let besluittypen: CatalogusTypeCommands<BesluitType>
    public let zaaktypen: CatalogusTypeCommands<ZaakType>
    public let statustypen: ZaakTypeSubTypeCommands<StatusType>
    public let roltypen: ZaakTypeSubTypeCommands<RolType>
    public let zaaktypeInformatieobjecttypen: ZaakTypeSubTypeCommands<ZaakTypeInformatieObjectType>
    public let eigenschappen: ZaakTypeSubTypeCommands<Eigenschap>
    public let zaakobjecttypen: ZaakTypeSubTypeCommands<ZaakObjectType>
    public let resultaattypen: ZaakTypeSubTypeCommands<ResultaatType>

    public init(store: EventStore, selectielijst: SelectielijstClient) {
        catalogussen = CatalogusCommands(store: store)
        informatieobjecttypen = CatalogusTypeCommands(
            store: store, table: "catalogi.informatieobjecttypen", keyColumn: "omschrijving", label: "Dit informatieobjecttype",
            publishedOnUpdate: { current, _, transaction in try await CatalogiRules.informatieobjecttypeRelations(current, transaction: transaction) },
            publishedOnDelete: { current, transaction in try await CatalogiRules.informatieobjecttypeRelations(current, transaction: transaction) })
        besluittypen = CatalogusTypeCommands(
            store: store, table: "catalogi.besluittypen", keyColumn: "omschrijving", label: "Dit besluittype",
            validate: { type, transaction in
                try await CatalogiRules.relationsInCatalogus(
                    type.informatieobjecttypen, table: "catalogi.informatieobjecttypen", field: "informatieobjecttypen",
                    catalogus: type.catalogus, transaction: transaction)
            },
            // ztc-010: held by its published informatieobjecttypen (those it names and those it would name);
            // its delete also by published zaaktypen naming it.
            publishedOnUpdate: { current, updated, transaction in
                try await CatalogiRules.published(
                    [.init(name: "informatieobjecttypen", uuids: current.informatieobjecttypen + updated.informatieobjecttypen, table: "catalogi.informatieobjecttypen")],
                    transaction: transaction)
            },
            publishedOnDelete: { current, transaction in
                try await CatalogiRules.published([
                    .init(name: "informatieobjecttypen", uuids: current.informatieobjecttypen, table: "catalogi.informatieobjecttypen"),
                    .init(
                        name: "zaaktypen",
                        uuids: try await CatalogiRules.linked("zaaktype", in: "catalogi.zaaktype_besluittypen", where: "besluittype", is: current.uuid, transaction: transaction),
                        table: "catalogi.zaaktypen"),
                ], transaction: transaction)
            })
        let zaaktypen = CatalogusTypeCommands<ZaakType>(
            store: store, table: "catalogi.zaaktypen", keyColumn: "identificatie", label: "Dit zaaktype",
            validate: { type, transaction in
                try await CatalogiRules.relationsInCatalogus(
                    type.besluittypen, table: "catalogi.besluittypen", field: "besluittypen", catalogus: type.catalogus, transaction: transaction)
                try await CatalogiRules.relationsInCatalogus(
                    type.deelzaaktypen, table: "catalogi.zaaktypen", field: "deelzaaktypen", catalogus: type.catalogus, transaction: transaction)
            },
            checkPublish: { type, transaction in
                try await CatalogiRules.relationsPublished(type.besluittypen, table: "catalogi.besluittypen", transaction: transaction)
                let linked = try await transaction.connection.query(
                    "SELECT related FROM catalogi.zaaktype_informatieobjecttypen WHERE zaaktype = \(type.uuid)", logger: transaction.logger
                ).collect().map { try $0.decode(UUID.self) }
                try await CatalogiRules.relationsPublished(linked, table: "catalogi.informatieobjecttypen", transaction: transaction)
            },
            prepareNew: { type, transaction in
                var type = type
                if type.identificatie.isEmpty { type.identificatie = try await CatalogiRules.generatedIdentificatie(type, transaction: transaction) }
                return type
            },
            validateRemote: { type in try await CatalogiRules.procestype(type, selectielijst: selectielijst) },
            // ztc-010: held by its published besluittypen; its delete also by published informatieobjecttypen it links.
            publishedOnUpdate: { current, updated, transaction in
                try await CatalogiRules.published(
                    [.init(name: "besluittypen", uuids: current.besluittypen + updated.besluittypen, table: "catalogi.besluittypen")], transaction: transaction)
            },
            publishedOnDelete: { current, transaction in
                try await CatalogiRules.published([
                    .init(name: "besluittypen", uuids: current.besluittypen, table: "catalogi.besluittypen"),
                    .init(
                        name: "informatieobjecttypen",
                        uuids: try await CatalogiRules.linked("related", in: "catalogi.zaaktype_informatieobjecttypen", where: "zaaktype", is: current.uuid, transaction: transaction),
                        table: "catalogi.informatieobjecttypen"),
                ], transaction: transaction)
            })
        self.zaaktypen = zaaktypen
        statustypen = ZaakTypeSubTypeCommands(store: store, zaaktypen: zaaktypen, table: "catalogi.statustypen")
        roltypen = ZaakTypeSubTypeCommands(store: store, zaaktypen: zaaktypen, table: "catalogi.roltypen")
        zaaktypeInformatieobjecttypen = ZaakTypeSubTypeCommands(
            store: store, zaaktypen: zaaktypen, table: "catalogi.zaaktype_informatieobjecttypen",
            validate: { link, zaaktype, transaction in try await CatalogiRules.zaaktypeInformatieobjecttype(link, zaaktype: zaaktype, transaction: transaction) },
            isClosed: { link, zaaktype, transaction in try await CatalogiRules.bothPublished(link, zaaktype: zaaktype, transaction: transaction) },
            closedError: ZaakTypeSubTypeCommands<ZaakTypeInformatieObjectType>.nonConceptRelation)
        eigenschappen = ZaakTypeSubTypeCommands(
            store: store, zaaktypen: zaaktypen, table: "catalogi.eigenschappen",
            validate: { type, _, transaction in try await CatalogiRules.statustypeOfZaaktype(type.statustype, zaaktype: type.zaaktype, transaction: transaction) })
        zaakobjecttypen = ZaakTypeSubTypeCommands(
            store: store, zaaktypen: zaaktypen, table: "catalogi.zaakobjecttypen",
            validate: { type, _, transaction in try await CatalogiRules.statustypeOfZaaktype(type.statustype, zaaktype: type.zaaktype, transaction: transaction) })
        resultaattypen = ZaakTypeSubTypeCommands(
            store: store, zaaktypen: zaaktypen, table: "catalogi.resultaattypen",
            validate: { type, zaaktype, transaction in try await ResultaatTypeRules.relations(type, zaaktype: zaaktype, transaction: transaction) },
            prepare: { type, zaaktype in try await ResultaatTypeRules.prepare(type, zaaktype: zaaktype, selectielijst: selectielijst) })
    }
}
