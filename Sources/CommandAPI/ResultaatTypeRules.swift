import Domain
import EventStore
import Foundation

/// The Selectielijst rules of resultaattypen (ztc-002, ztc-003) and the archiving defaults, checked against the
/// Selectielijst API before the write's transaction.
enum ResultaatTypeRules {
    /// Resolves `resultaattypeomschrijving` (its omschrijving becomes `omschrijvingGeneriek`) and
    /// `selectielijstklasse`; checks that the klasse belongs to the zaaktype's procestype (`procestype-mismatch`)
    /// and that a `nihil` procestermijn goes with afleidingswijze `afgehandeld`
    /// (`invalid-afleidingswijze-for-procestermijn`); fills `archiefnominatie` and `archiefactietermijn` from the
    /// klasse's waardering and bewaartermijn when the request left them empty.
    static func prepare(_ type: ResultaatType, zaaktype: ZaakType, selectielijst: SelectielijstClient) async throws -> ResultaatType {
        var type = type
        var errors: [FieldError] = []
        var klasse: [String: JSONValue]?
        do {
            let omschrijving = try await selectielijst.resource(
                type.resultaattypeomschrijving, collection: "resultaattypeomschrijvingen", requiredFields: ["url", "omschrijving", "definitie"])
            if case .string(let text)? = omschrijving["omschrijving"] { type.omschrijvingGeneriek = text }
        } catch {
            errors.append(SelectielijstClient.fieldError(error, field: "resultaattypeomschrijving"))
        }
        do {
            klasse = try await selectielijst.resource(
                type.selectielijstklasse, collection: "resultaten", requiredFields: ["url", "procesType", "nummer", "naam", "herkomst", "waardering"])
        } catch {
            errors.append(SelectielijstClient.fieldError(error, field: "selectielijstklasse"))
        }
        if let klasse {
            if case .string(let procesType)? = klasse["procesType"], procesType != zaaktype.selectielijstProcestype {
                errors.append(FieldError(
                    name: "nonFieldErrors", code: "procestype-mismatch",
                    reason: "De selectielijstklasse hoort niet bij het selectielijstProcestype van het zaaktype."))
            }
            if case .string(let termijn)? = klasse["procestermijn"], termijn == "nihil",
                let afleidingswijze = type.brondatumArchiefprocedure?.afleidingswijze, afleidingswijze != .afgehandeld
            {
                errors.append(FieldError(
                    name: "nonFieldErrors", code: "invalid-afleidingswijze-for-procestermijn",
                    reason: "Bij procestermijn nihil is de afleidingswijze afgehandeld."))
            }
            if type.archiefnominatie.isEmpty, case .string(let waardering)? = klasse["waardering"] { type.archiefnominatie = waardering }
            if type.archiefactietermijn == nil, case .string(let bewaartermijn)? = klasse["bewaartermijn"], !bewaartermijn.isEmpty {
                type.archiefactietermijn = bewaartermijn
            }
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return type
    }

    /// Besluittypen and informatieobjecttypen of the zaaktype's catalogus (ztc-013).
    static func relations(_ type: ResultaatType, zaaktype: ZaakType, transaction: EventStoreTransaction) async throws {
        try await CatalogiRules.relationsInCatalogus(
            type.besluittypen, table: "catalogi.besluittypen", field: "besluittypen", catalogus: zaaktype.catalogus, transaction: transaction)
        try await CatalogiRules.relationsInCatalogus(
            type.informatieobjecttypen, table: "catalogi.informatieobjecttypen", field: "informatieobjecttypen", catalogus: zaaktype.catalogus,
            transaction: transaction)
    }
}
