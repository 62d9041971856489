import Domain
import EventStore
import Foundation
import PostgresNIO

/// Rules between catalogus types, checked inside the write's transaction.
enum CatalogiRules {
    /// Related types must exist (`does_not_exist`) and be in the same catalogus (ztc-013,
    /// `relations-incorrect-catalogus`).
    static func relationsInCatalogus(
        _ uuids: [UUID], table: String, field: String, catalogus: UUID, transaction: EventStoreTransaction
    ) async throws {
        guard !uuids.isEmpty else { return }
        let binds = PostgresBindings.of(uuids)
        let rows = try await transaction.connection.query(
            PostgresQuery(unsafeSQL: "SELECT uuid, catalogus FROM \(table) WHERE uuid = ANY($1)", binds: binds), logger: transaction.logger
        ).collect()
        let catalogi = Dictionary(uniqueKeysWithValues: try rows.map { try $0.decode((UUID, UUID).self) })
        if uuids.contains(where: { catalogi[$0] == nil }) {
            throw ValidationErrors([FieldError(name: field, code: "does_not_exist", reason: "Ongeldige hyperlink - Object bestaat niet.")])
        }
        if catalogi.values.contains(where: { $0 != catalogus }) {
            // The reference names deelzaaktypen; its other catalogus rules are about the object as a whole.
            throw ValidationErrors([
                FieldError(
                    name: field == "deelzaaktypen" ? field : "nonFieldErrors", code: "relations-incorrect-catalogus",
                    reason: "\(field) moeten tot dezelfde catalogus behoren.")
            ])
        }
    }

    /// ztc-012: a zaaktype can be published only when its besluittypen are (`concept-relation`).
    static func relationsPublished(_ uuids: [UUID], table: String, transaction: EventStoreTransaction) async throws {
        guard !uuids.isEmpty else { return }
        let binds = PostgresBindings.of(uuids)
        let concepts = try await transaction.connection.query(
            PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table) WHERE uuid = ANY($1) AND concept", binds: binds), logger: transaction.logger
        ).collect()
        if !concepts.isEmpty {
            throw ValidationErrors([
                FieldError(name: "nonFieldErrors", code: "concept-relation", reason: "Alle gerelateerde besluittypen en informatieobjecttypen moeten gepubliceerd zijn.")
            ])
        }
    }

    /// A relation of a catalogus type to types of another kind: its name in messages, the related uuids and the
    /// table they live in.
    struct Relation {
        let name: String
        let uuids: [UUID]
        let table: String
    }

    /// ztc-010: the names of the relations with a published member (`PublishedRelationRule` decides).
    static func published(_ relations: [Relation], transaction: EventStoreTransaction) async throws -> [String] {
        var names: [String] = []
        for relation in relations where !relation.uuids.isEmpty {
            let rows = try await transaction.connection.query(
                PostgresQuery(unsafeSQL: "SELECT 1 FROM \(relation.table) WHERE uuid = ANY($1) AND NOT concept LIMIT 1", binds: .of(relation.uuids)),
                logger: transaction.logger
            ).collect()
            if !rows.isEmpty { names.append(relation.name) }
        }
        return names
    }

    /// The uuids in `column` of the relation table `table` whose `ownerColumn` is `owner`.
    static func linked(_ column: String, in table: String, where ownerColumn: String, is owner: UUID, transaction: EventStoreTransaction) async throws -> [UUID] {
        try await transaction.connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(column) FROM \(table) WHERE \(ownerColumn) = $1 AND \(column) IS NOT NULL", binds: .of(owner)), logger: transaction.logger
        ).collect().map { try $0.decode(UUID.self) }
    }

    /// An informatieobjecttype is held by its published besluittypen and zaaktypen (through their links), for
    /// updates and deletes alike.
    static func informatieobjecttypeRelations(_ type: InformatieObjectType, transaction: EventStoreTransaction) async throws -> [String] {
        try await published([
            Relation(
                name: "besluittypen",
                uuids: try await linked("besluittype", in: "catalogi.besluittype_informatieobjecttypen", where: "informatieobjecttype", is: type.uuid, transaction: transaction),
                table: "catalogi.besluittypen"),
            Relation(
                name: "zaaktypen",
                uuids: try await linked("zaaktype", in: "catalogi.zaaktype_informatieobjecttypen", where: "related", is: type.uuid, transaction: transaction),
                table: "catalogi.zaaktypen"),
        ], transaction: transaction)
    }

    /// `ZAAKTYPE-<year>-<10-digit number>`, as Open Zaak generates a missing identificatie.
    static func generatedIdentificatie(_ type: ZaakType, transaction: EventStoreTransaction) async throws -> String {
        let number = try await transaction.connection.query("SELECT nextval('catalogi.zaaktype_identificatie')", logger: transaction.logger)
            .collect().first?.decode(Int64.self) ?? 0
        return "ZAAKTYPE-\(type.beginGeldigheid.year)-" + String(format: "%010lld", number)
    }

    /// A zaaktype-informatieobjecttype links an informatieobjecttype of the zaaktype's catalogus (ztc-013) and,
    /// optionally, a statustype of the same zaaktype.
    static func zaaktypeInformatieobjecttype(_ link: ZaakTypeInformatieObjectType, zaaktype: ZaakType, transaction: EventStoreTransaction) async throws {
        try await relationsInCatalogus(
            [link.informatieobjecttype], table: "catalogi.informatieobjecttypen", field: "informatieobjecttype", catalogus: zaaktype.catalogus,
            transaction: transaction)
        try await statustypeOfZaaktype(link.statustype, zaaktype: link.zaaktype, transaction: transaction)
    }

    /// A sub-type's statustype, when it names one, belongs to the same zaaktype (the reference's
    /// `relations-incorrect-zaaktype`, about the object as a whole).
    static func statustypeOfZaaktype(_ statustype: UUID?, zaaktype: UUID, transaction: EventStoreTransaction) async throws {
        guard let statustype else { return }
        let rows = try await transaction.connection.query(
            "SELECT 1 FROM catalogi.statustypen WHERE uuid = \(statustype) AND zaaktype = \(zaaktype)", logger: transaction.logger
        ).collect()
        if rows.isEmpty {
            throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "relations-incorrect-zaaktype", reason: "Het statustype hoort niet bij het zaaktype.")])
        }
    }

    /// ztc-011: a zaaktype-informatieobjecttype is closed only when both its zaaktype and its informatieobjecttype
    /// are published.
    static func bothPublished(_ link: ZaakTypeInformatieObjectType, zaaktype: ZaakType, transaction: EventStoreTransaction) async throws -> Bool {
        guard !zaaktype.concept else { return false }
        let rows = try await transaction.connection.query(
            "SELECT 1 FROM catalogi.informatieobjecttypen WHERE uuid = \(link.informatieobjecttype) AND NOT concept", logger: transaction.logger
        ).collect()
        return !rows.isEmpty
    }

    /// ztc-001: `selectielijstProcestype`, when given, is a procestype of the Selectielijst API.
    static func procestype(_ type: ZaakType, selectielijst: SelectielijstClient) async throws {
        guard !type.selectielijstProcestype.isEmpty else { return }
        do {
            _ = try await selectielijst.resource(type.selectielijstProcestype, collection: "procestypen", requiredFields: ["url", "nummer", "jaar", "naam", "omschrijving", "toelichting", "procesobject"])
        } catch {
            throw ValidationErrors([SelectielijstClient.fieldError(error, field: "selectielijstProcestype")])
        }
    }
}
