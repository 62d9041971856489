import Domain
import EventStore
import Foundation

/// brc-003/004/005/008: a besluitinformatieobject's document resolves, is not linked twice, has an
/// informatieobjecttype of the besluittype, and (one of our documents) gets its objectinformatieobject in the
/// same transaction.
struct BesluitInformatieObjectRules: Sendable {
    let references: ZaakReferences

    func create(
        _ uuid: UUID, informatieobject url: String, besluit: UUID, besluitState: [String: JSONValue], besluittype: [String: JSONValue],
        existing: [String], prefix: String, transaction: EventStoreTransaction
    ) async throws -> [BesluitChange] {
        var errors: [FieldError] = []
        if existing.contains(url) {
            errors.append(FieldError(name: prefix + "nonFieldErrors", code: "unique", reason: "De velden besluit, informatieobject moeten een unieke set zijn."))
        }
        var mirror: [BesluitChange] = []
        var document: [String: JSONValue]?
        if ZaakReferences.isLocal(url) {
            if let local = try await references.document(url, connection: transaction.connection, logger: transaction.logger) {
                document = local.document
                mirror.append(BesluitChange(foreign: try ObjectInformatieObjectMirror.objectInformatieObject(
                    document: local.uuid, version: local.version, object: BesluitResource.besluit.url(besluit), objectType: "besluit", informatieobject: url)))
            }
        } else {
            document = await references.remote.object(at: url)
        }
        if let document {
            let type = references.stored(document.string("informatieobjecttype"))
            if !(besluittype["informatieobjecttypen"]?.strings ?? []).contains(type) {
                errors.append(FieldError(
                    name: prefix + "nonFieldErrors", code: "missing-besluittype-informatieobjecttype-relation",
                    reason: "Het informatieobjecttype hoort niet bij het besluittype van het besluit."))
            }
        } else {
            errors.append(FieldError(name: prefix + "informatieobject", code: "bad-url", reason: "De URL \(url) is ongeldig of gaf geen 200."))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        let state: [String: JSONValue] = [
            "url": .string(BesluitResource.besluitinformatieobject.url(uuid)), "informatieobject": .string(url),
            "besluit": .string(BesluitResource.besluit.url(besluit)),
        ]
        let facts = BesluitRules.notification(.besluitinformatieobject, uuid: uuid, besluit: besluit, state: besluitState, type: besluittype)
        return [BesluitChange(type: BesluitResource.besluitinformatieobject.created, event: ZaakEvent(uuid: uuid, state: state, notificatie: facts))] + mirror
    }
}
