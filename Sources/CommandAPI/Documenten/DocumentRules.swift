import Domain
import EventStore
import Foundation

/// The rules of an informatieobject version (drc-001, 005, 006, 007), run in the write's transaction on the
/// new state (merged with the previous version on updates). Returns the informatieobjecttype.
struct DocumentRules: Sendable {
    let references: ZaakReferences

    func check(
        _ state: inout [String: JSONValue], previous: [String: JSONValue]?, aggregate: DocumentAggregate?, transaction: EventStoreTransaction
    ) async throws -> [String: JSONValue] {
        var errors: [FieldError] = []
        let url = state.string("informatieobjecttype")
        // drc-001: the informatieobjecttype resolves and is published.
        let resolved = try await references.resolve(
            url, api: .catalogi, collection: "informatieobjecttypen", requiredFields: ResourceShape.informatieobjecttype,
            connection: transaction.connection, logger: transaction.logger)
        let type = try? resolved.get()
        errors += resolved.fieldErrors("informatieobjecttype", resource: "informatieobjecttype")
        if let type {
            if type["concept"] == .bool(true) {
                errors.append(FieldError(name: "informatieobjecttype", code: "not-published", reason: "Het informatieobjecttype is nog niet gepubliceerd."))
            }
            // drc-007: the type's vertrouwelijkheidaanduiding when none is given.
            if state.string("vertrouwelijkheidaanduiding").isEmpty {
                state["vertrouwelijkheidaanduiding"] = type["vertrouwelijkheidaanduiding"] ?? .string("")
            }
        }
        // drc-005: a received document is not being worked on.
        let status = state.string("status")
        if !state.string("ontvangstdatum").isEmpty, status == "in_bewerking" || status == "ter_vaststelling" {
            errors.append(FieldError(
                name: "status", code: "invalid_for_received",
                reason: "De statuswaarden `in_bewerking` en `ter_vaststelling` zijn niet van toepassing op ontvangen informatieobjecten."))
        }
        // drc-006: `indicatieGebruiksrecht: true` needs gebruiksrechten, which can only be made after the document.
        if state["indicatieGebruiksrecht"] == .bool(true), previous?["indicatieGebruiksrecht"] != .bool(true),
            aggregate?.all(.gebruiksrechten).isEmpty ?? true
        {
            errors.append(FieldError(
                name: "indicatieGebruiksrecht", code: "missing-gebruiksrechten",
                reason: "De indicatie moet op 'ja' gezet worden door `gebruiksrechten` aan te maken."))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return type ?? [:]
    }

    /// The kenmerken of kanaal `documenten`, from the document's latest version.
    static func notification(
        _ kind: DocumentResource, uuid: UUID, document: UUID, state: [String: JSONValue], type: [String: JSONValue]?
    ) -> NotificationFacts {
        var kenmerken = [
            "bronorganisatie": state.string("bronorganisatie"), "informatieobjecttype": state.string("informatieobjecttype"),
            "vertrouwelijkheidaanduiding": state.string("vertrouwelijkheidaanduiding"),
        ]
        if let catalogus = type?["catalogus"]?.text { kenmerken["informatieobjecttype.catalogus"] = catalogus }
        return NotificationFacts(
            kanaal: "documenten", hoofdObject: DocumentResource.enkelvoudiginformatieobject.url(document), resource: kind.rawValue,
            resourceUrl: kind.url(uuid), kenmerken: kenmerken)
    }
}
