import Domain
import EventStore
import Foundation
import ZGWHTTP

/// Writes Catalogi objects that come from a file rather than a request (the catalogi import), through the
/// API's own parsing, rules and events: `parse` is a POST body's validation, `prepare` the checks against other
/// services (run before the transaction), `create` and `publish` the API's writes inside one transaction the
/// caller holds, so a whole file is written or nothing is.
public struct CatalogiImportWriter: Sendable {
    let commands: CatalogiCommandSet
    let references: ResourceReference

    /// `baseURL` is the base the objects' references are written under.
    public init(commands: CatalogiCommandSet, baseURL: String) {
        self.commands = commands
        self.references = ResourceReference(baseURL: baseURL)
    }

    /// Validates one object as `POST /catalogi/api/v1/<collection>` would (every field error at once).
    public func parse(collection: String, _ object: [String: JSONValue]) throws(ValidationErrors) -> CatalogiDraft {
        let body = JSONBody(fields: object)
        switch collection {
        case "catalogussen": return .catalogus(try CatalogusInput.parse(body))
        case "informatieobjecttypen": return .informatieobjecttype(try InformatieObjectTypeInput.parse(body, partial: false, references: references).makeNew())
        case "besluittypen": return .besluittype(try BesluitTypeInput.parse(body, partial: false, references: references).makeNew())
        case "zaaktypen": return .zaaktype(try ZaakTypeInput.parse(body, partial: false, references: references).makeNew())
        case "statustypen": return .statustype(try StatusTypeInput.parse(body, partial: false, references: references).makeNew())
        case "roltypen": return .roltype(try RolTypeInput.parse(body, partial: false, references: references).makeNew())
        case "zaaktype-informatieobjecttypen":
            return .zaaktypeInformatieobjecttype(try ZaakTypeInformatieObjectTypeInput.parse(body, partial: false, references: references).makeNew())
        case "resultaattypen": return .resultaattype(try ResultaatTypeInput.parse(body, partial: false, references: references).makeNew())
        case "eigenschappen": return .eigenschap(try EigenschapInput.parse(body, partial: false, references: references).makeNew())
        case "zaakobjecttypen": return .zaakobjecttype(try ZaakObjectTypeInput.parse(body, partial: false, references: references).makeNew())
        default: throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "invalid", reason: "Onbekende Catalogi-resource \(collection).")])
        }
    }

    /// The rules that need no transaction, among them the Selectielijst checks and the defaults they give;
    /// `zaaktype` is a sub-type's zaaktype. Throws `ValidationErrors`.
    public func prepare(_ draft: CatalogiDraft, zaaktype: ZaakType?) async throws -> CatalogiDraft {
        switch draft {
        case .catalogus, .statustype, .roltype, .zaaktypeInformatieobjecttype, .eigenschap, .zaakobjecttype: return draft
        case .informatieobjecttype(let type): try await commands.informatieobjecttypen.checkBeforeTransaction(type)
        case .besluittype(let type): try await commands.besluittypen.checkBeforeTransaction(type)
        case .zaaktype(let type): try await commands.zaaktypen.checkBeforeTransaction(type)
        case .resultaattype(let type):
            guard let zaaktype else { throw Self.unknownZaaktype }
            return .resultaattype(try await commands.resultaattypen.prepareBeforeTransaction(type, zaaktype: zaaktype))
        }
        return draft
    }

    /// Writes a prepared draft inside `transaction`, with the API's rules; types come in as concepts. A sub-type
    /// needs its zaaktype's state and stream version. Returns the object as stored.
    public func create(
        _ draft: CatalogiDraft, zaaktype: (type: ZaakType, version: Int64)?, in transaction: EventStoreTransaction, metadata: EventMetadata
    ) async throws -> CatalogiDraft {
        func parent() throws -> (type: ZaakType, version: Int64) {
            guard let zaaktype else { throw Self.unknownZaaktype }
            return zaaktype
        }
        switch draft {
        case .catalogus(let value): try await commands.catalogussen.create(value, in: transaction, metadata: metadata)
        case .informatieobjecttype(let value): return .informatieobjecttype(try await commands.informatieobjecttypen.create(value, in: transaction, metadata: metadata))
        case .besluittype(let value): return .besluittype(try await commands.besluittypen.create(value, in: transaction, metadata: metadata))
        case .zaaktype(let value): return .zaaktype(try await commands.zaaktypen.create(value, in: transaction, metadata: metadata))
        case .statustype(let value):
            try await commands.statustypen.create(value, zaaktype: try parent().type, version: try parent().version, in: transaction, metadata: metadata)
        case .roltype(let value):
            try await commands.roltypen.create(value, zaaktype: try parent().type, version: try parent().version, in: transaction, metadata: metadata)
        case .zaaktypeInformatieobjecttype(let value):
            try await commands.zaaktypeInformatieobjecttypen.create(
                value, zaaktype: try parent().type, version: try parent().version, in: transaction, metadata: metadata)
        case .resultaattype(let value):
            try await commands.resultaattypen.create(value, zaaktype: try parent().type, version: try parent().version, in: transaction, metadata: metadata)
        case .eigenschap(let value):
            try await commands.eigenschappen.create(value, zaaktype: try parent().type, version: try parent().version, in: transaction, metadata: metadata)
        case .zaakobjecttype(let value):
            try await commands.zaakobjecttypen.create(value, zaaktype: try parent().type, version: try parent().version, in: transaction, metadata: metadata)
        }
        return draft
    }

    /// Publishes a created catalogus type at its stream `version` with the API's publish rules; other drafts
    /// have nothing to publish.
    public func publish(_ draft: CatalogiDraft, version: Int64, in transaction: EventStoreTransaction, metadata: EventMetadata) async throws {
        switch draft {
        case .informatieobjecttype(let value): try await commands.informatieobjecttypen.publish(value, version: version, in: transaction, metadata: metadata)
        case .besluittype(let value): try await commands.besluittypen.publish(value, version: version, in: transaction, metadata: metadata)
        case .zaaktype(let value): try await commands.zaaktypen.publish(value, version: version, in: transaction, metadata: metadata)
        default: break
        }
    }

    /// A zaaktype of the store with its stream version (for sub-types whose zaaktype is not in the file).
    public func zaaktype(_ uuid: UUID) async throws -> (type: ZaakType, version: Int64)? {
        try await commands.zaaktypen.load(uuid)
    }

    static var unknownZaaktype: ValidationErrors {
        ValidationErrors([FieldError(name: "zaaktype", code: "does_not_exist", reason: "Ongeldige hyperlink - Object bestaat niet.")])
    }
}
