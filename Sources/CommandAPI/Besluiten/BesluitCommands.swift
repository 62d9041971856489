import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO
import ZGWHTTP

/// The writes of the Besluiten API. A besluit and its besluitinformatieobjecten are one stream; the relations
/// the standard mirrors into other APIs (zaakbesluit, objectinformatieobject) are appended to those streams in
/// the same transaction when the other side is ours.
public struct BesluitCommands: Sendable {
    let repository: BesluitRepository
    let references: ZaakReferences
    let validator: SchemaValidator
    let remote: RemoteRelations

    public init(store: EventStore, baseURL: String, outbound: OutboundCalls) {
        self.repository = BesluitRepository(store: store)
        self.references = ZaakReferences(remote: RemoteResources(outbound: outbound), baseURL: baseURL)
        self.remote = RemoteRelations(outbound: outbound)
        self.validator = SchemaValidator(.besluiten, baseURL: baseURL)
    }

    static let identificatie = GeneratedIdentificatie(
        table: "besluiten.besluiten", organisationColumn: "verantwoordelijke_organisatie", organisationField: "verantwoordelijkeOrganisatie",
        sequence: "besluiten.besluit_identificatie", prefix: "BESLUIT", yearField: "datum", uniqueIndex: "besluiten_identificatie")

    func validated(_ body: [String: JSONValue], _ schema: String, partial: Bool, prefix: String = "") throws -> [String: JSONValue] {
        var errors: [FieldError] = []
        let state = validator.writable(body, schema: schema, partial: partial, errors: &errors, prefix: prefix)
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return state
    }

    // MARK: - Besluiten

    /// Creates a besluit, with (`besluit_verwerken`) its besluitinformatieobjecten in the same transaction.
    public func createBesluit(
        _ body: [String: JSONValue], informatieobjecten: [[String: JSONValue]] = [], authorisation: TypeAuthorisation, metadata: EventMetadata
    ) async throws -> (uuid: UUID, informatieobjecten: [UUID]) {
        let prefix = informatieobjecten.isEmpty ? "" : "besluit."
        let input = try validated(body, BesluitResource.besluit.schema, partial: false, prefix: prefix)
        let uuid = UUID()
        let bios = informatieobjecten.map { _ in UUID() }
        let rules = BesluitRules(references: await references.prefetching(input))
        let documents = BesluitInformatieObjectRules(references: await references.prefetching([:], also: informatieobjecten.map { $0.string("informatieobject") }))
        for attempt in 1...5 {
            do {
                try await repository.write(uuid, metadata: metadata) { aggregate, transaction in
                    var state = input
                    let (type, zaakChanges) = try await rules.check(&state, uuid: uuid, previous: nil, transaction: transaction)
                    try authorisation.require(.scope("besluiten.aanmaken"), type: state.string("besluittype"), vertrouwelijkheid: "")
                    try await Self.identificatie.assign(&state, connection: transaction.connection, logger: transaction.logger)
                    state["url"] = .string(BesluitResource.besluit.url(uuid))
                    var changes = [BesluitChange(
                        type: BesluitResource.besluit.created,
                        event: ZaakEvent(uuid: uuid, state: state, notificatie: BesluitRules.notification(.besluit, uuid: uuid, besluit: uuid, state: state, type: type)))]
                    changes += zaakChanges
                    var seen: [String] = []
                    for (index, (bio, informatieobject)) in zip(bios, informatieobjecten).enumerated() {
                        changes += try await documents.create(
                            bio, informatieobject: informatieobject.string("informatieobject"), besluit: uuid, besluitState: state, besluittype: type,
                            existing: seen, prefix: "besluitinformatieobjecten.\(index).", transaction: transaction)
                        seen.append(informatieobject.string("informatieobject"))
                    }
                    _ = aggregate
                    return changes
                }
                try await mirrorRemotely(uuid, zaak: input.string("zaak"), documents: informatieobjecten.map { $0.string("informatieobject") }, metadata: metadata)
                return (uuid, bios)
            } catch where Self.identificatie.isDuplicate(error) {
                if !input.string("identificatie").isEmpty || attempt == 5 { throw GeneratedIdentificatie.notUnique }
            }
        }
        return (uuid, bios)
    }

    /// brc-005/006 with another API on the other side: the zaakbesluit in an external Zaken API and the
    /// objectinformatieobjecten in external Documenten APIs, made once the besluit is committed (those APIs
    /// check that it exists). When one fails the besluit is taken back and the failure is the answer.
    func mirrorRemotely(_ uuid: UUID, zaak: String, documents: [String], metadata: EventMetadata) async throws {
        let besluit = absolute(BesluitResource.besluit.url(uuid))
        do {
            if !zaak.isEmpty, !ZaakReferences.isLocal(zaak) { try await remote.createZaakbesluit(zaak: zaak, besluit: besluit) }
            for document in documents where !ZaakReferences.isLocal(document) {
                try await remote.createObjectInformatieObject(document: document, object: besluit, objectType: "besluit")
            }
        } catch {
            await removeRemoteMirrors(zaak: zaak, documents: documents, besluit: besluit)
            try await repository.write(uuid, metadata: metadata) { aggregate, transaction in
                guard let state = aggregate.besluit else { return [] }
                let type = try await references.catalogi(state.string("besluittype"), collection: "besluittypen", connection: transaction.connection, logger: transaction.logger)
                return [BesluitChange(
                    type: BesluitResource.besluit.deleted,
                    event: ZaakEvent(uuid: uuid, state: nil, notificatie: BesluitRules.notification(.besluit, uuid: uuid, besluit: uuid, state: state, type: type)))]
                    + (try await BesluitRules.zaakbesluitRemoval(besluit: uuid, zaak: state.string("zaak"), transaction: transaction))
                    + (try await ObjectInformatieObjectMirror.removals(objects: [BesluitResource.besluit.url(uuid)], connection: transaction.connection, logger: transaction.logger)
                        .map { BesluitChange(foreign: $0) })
            }
            throw error
        }
    }

    /// Best effort: the external mirrors of a besluit that is gone.
    func removeRemoteMirrors(zaak: String, documents: [String], besluit: String) async {
        let logger = repository.store.logger
        if !zaak.isEmpty, !ZaakReferences.isLocal(zaak) { await remote.deleteZaakbesluit(zaak: zaak, besluit: besluit, logger: logger) }
        for document in documents where !document.isEmpty && !ZaakReferences.isLocal(document) {
            await remote.deleteObjectInformatieObject(document: document, object: besluit, logger: logger)
        }
    }

    func absolute(_ stored: String) -> String { ResourceURL.absolute(stored, baseURL: references.baseURL) }

    public func updateBesluit(_ uuid: UUID, body: [String: JSONValue], partial: Bool, authorisation: TypeAuthorisation, metadata: EventMetadata) async throws -> Bool {
        let input = try validated(body, BesluitResource.besluit.schema, partial: partial)
        let rules = BesluitRules(references: await references.prefetching(input))
        do {
            try await repository.write(uuid, metadata: metadata) { aggregate, transaction in
                guard let previous = aggregate.besluit else { throw BesluitNotFound() }
                try authorisation.require(.scope("besluiten.bijwerken"), type: previous.string("besluittype"), vertrouwelijkheid: "")
                var state = previous
                state.merge(input) { $1 }
                // A PUT without identificatie keeps the generated one.
                if input["identificatie"] == .string("") { state["identificatie"] = previous["identificatie"] }
                state["url"] = previous["url"]
                let (type, zaakChanges) = try await rules.check(&state, uuid: uuid, previous: previous, transaction: transaction)
                let facts = BesluitRules.notification(.besluit, uuid: uuid, besluit: uuid, state: state, type: type)
                return [BesluitChange(type: BesluitResource.besluit.updated, event: ZaakEvent(uuid: uuid, state: state, notificatie: facts))] + zaakChanges
            }
        } catch is BesluitNotFound {
            return false
        }
        return true
    }

    /// brc-009: the besluit with its besluitinformatieobjecten, their objectinformatieobjecten and its zaakbesluit.
    public func deleteBesluit(_ uuid: UUID, authorisation: TypeAuthorisation, metadata: EventMetadata) async throws -> Bool {
        let before: BesluitAggregate
        do {
            before = try await repository.write(uuid, metadata: metadata) { aggregate, transaction in
                guard let besluit = aggregate.besluit else { throw BesluitNotFound() }
                try authorisation.require(.scope("besluiten.verwijderen"), type: besluit.string("besluittype"), vertrouwelijkheid: "")
                let type = try await references.catalogi(besluit.string("besluittype"), collection: "besluittypen", connection: transaction.connection, logger: transaction.logger)
                let facts = BesluitRules.notification(.besluit, uuid: uuid, besluit: uuid, state: besluit, type: type)
                var changes = [BesluitChange(type: BesluitResource.besluit.deleted, event: ZaakEvent(uuid: uuid, state: nil, notificatie: facts))]
                changes += try await BesluitRules.zaakbesluitRemoval(besluit: uuid, zaak: besluit.string("zaak"), transaction: transaction)
                changes += try await ObjectInformatieObjectMirror.removals(
                    objects: [BesluitResource.besluit.url(uuid)], connection: transaction.connection, logger: transaction.logger
                ).map { BesluitChange(foreign: $0) }
                return changes
            }
        } catch is BesluitNotFound {
            return false
        }
        await removeRemoteMirrors(
            zaak: before.field("zaak"), documents: before.informatieobjecten.map { $0.state.string("informatieobject") }, besluit: absolute(BesluitResource.besluit.url(uuid)))
        return true
    }

    // MARK: - Besluitinformatieobjecten

    public func createInformatieobject(_ body: [String: JSONValue], authorisation: TypeAuthorisation, metadata: EventMetadata) async throws -> UUID {
        let input = try validated(body, BesluitResource.besluitinformatieobject.schema, partial: false)
        guard let besluit = ResourceURL.uuid(in: input.string("besluit"), api: .besluiten, collection: "besluiten") else {
            throw ValidationErrors([FieldError(name: "besluit", code: "no_match", reason: "Ongeldige hyperlink - Geen URL match.")])
        }
        let uuid = UUID()
        let documents = BesluitInformatieObjectRules(references: await references.prefetching(input))
        try await repository.write(besluit, metadata: metadata) { aggregate, transaction in
            guard let state = aggregate.besluit else {
                throw ValidationErrors([FieldError(name: "besluit", code: "does_not_exist", reason: "Ongeldige hyperlink - Object bestaat niet.")])
            }
            try authorisation.require(.scope("besluiten.aanmaken"), type: state.string("besluittype"), vertrouwelijkheid: "")
            let type = try await references.catalogi(state.string("besluittype"), collection: "besluittypen", connection: transaction.connection, logger: transaction.logger) ?? [:]
            return try await documents.create(
                uuid, informatieobject: input.string("informatieobject"), besluit: besluit, besluitState: state, besluittype: type,
                existing: aggregate.informatieobjecten.map { $0.state.string("informatieobject") }, prefix: "", transaction: transaction)
        }
        let document = input.string("informatieobject")
        if !ZaakReferences.isLocal(document) {
            do {
                try await remote.createObjectInformatieObject(document: document, object: absolute(BesluitResource.besluit.url(besluit)), objectType: "besluit")
            } catch {
                try await repository.write(besluit, metadata: metadata) { aggregate, _ in
                    guard aggregate.informatieobjecten.contains(where: { $0.uuid == uuid }) else { return [] }
                    return [BesluitChange(
                        type: BesluitResource.besluitinformatieobject.deleted,
                        event: ZaakEvent(uuid: uuid, state: nil, notificatie: BesluitRules.notification(
                            .besluitinformatieobject, uuid: uuid, besluit: besluit, state: aggregate.besluit ?? [:], type: nil)))]
                }
                throw error
            }
        }
        return uuid
    }

    public func deleteInformatieobject(_ uuid: UUID, authorisation: TypeAuthorisation, metadata: EventMetadata) async throws -> Bool {
        guard let besluit = try await repository.owner(of: uuid) else { return false }
        let before: BesluitAggregate
        do {
            before = try await repository.write(besluit, metadata: metadata) { aggregate, transaction in
                guard let state = aggregate.besluit, let bio = aggregate.informatieobjecten.first(where: { $0.uuid == uuid })?.state else { throw BesluitNotFound() }
                try authorisation.require(.scope("besluiten.verwijderen"), type: state.string("besluittype"), vertrouwelijkheid: "")
                let type = try await references.catalogi(state.string("besluittype"), collection: "besluittypen", connection: transaction.connection, logger: transaction.logger)
                let facts = BesluitRules.notification(.besluitinformatieobject, uuid: uuid, besluit: besluit, state: state, type: type)
                // brc-005: its objectinformatieobject goes with it.
                let mirrors = try await ObjectInformatieObjectMirror.removals(
                    objects: [BesluitResource.besluit.url(besluit)], informatieobject: bio.string("informatieobject"),
                    connection: transaction.connection, logger: transaction.logger)
                return [BesluitChange(type: BesluitResource.besluitinformatieobject.deleted, event: ZaakEvent(uuid: uuid, state: nil, notificatie: facts))]
                    + mirrors.map { BesluitChange(foreign: $0) }
            }
        } catch is BesluitNotFound {
            return false
        }
        let document = before.informatieobjecten.first { $0.uuid == uuid }?.state.string("informatieobject") ?? ""
        await removeRemoteMirrors(zaak: "", documents: [document], besluit: absolute(BesluitResource.besluit.url(besluit)))
        return true
    }
}
