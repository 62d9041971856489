import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO
import ZGWHTTP

/// The resources under a document: gebruiksrechten (drc-006), objectinformatieobjecten (drc-002..004) and
/// verzendingen. Each is an event in its document's stream; scopes and autorisaties follow the document.
extension DocumentCommands {
    /// Creates a resource of `kind` under the document its `informatieobject` names. Returns its uuid.
    public func create(_ kind: DocumentResource, body: [String: JSONValue], authorisation: TypeAuthorisation, metadata: EventMetadata) async throws -> UUID {
        let input = try validated(body, kind.schema, partial: false)
        let document = try documentUUID(input)
        let uuid = UUID()
        let relations = ObjectRelations(references: await references.prefetching(input), remote: references.remote)
        try await repository.write(document, metadata: metadata) { aggregate, transaction in
            guard let current = aggregate.current else {
                throw ValidationErrors([FieldError(name: "informatieobject", code: "does_not_exist", reason: "Ongeldige hyperlink - Object bestaat niet.")])
            }
            try authorisation.require(
                .scope("documenten.aanmaken"), type: current.string("informatieobjecttype"), vertrouwelijkheid: current.string("vertrouwelijkheidaanduiding"))
            var state = input
            state["url"] = .string(kind.url(uuid))
            var changes: [DocumentChange] = []
            switch kind {
            case .gebruiksrechten:
                // drc-006: the document now has gebruiksrechten.
                if current["indicatieGebruiksrecht"] != .bool(true) {
                    changes.append(amend(aggregate, indicatieGebruiksrecht: .bool(true)))
                }
            case .objectinformatieobject:
                try await relations.checkCreate(state, aggregate: aggregate, transaction: transaction)
            case .verzending:
                try Self.checkAddress(state)
            default:
                break
            }
            let type = try await documentType(current, transaction)
            let facts = kind == .objectinformatieobject ? nil : DocumentRules.notification(kind, uuid: uuid, document: document, state: current, type: type)
            return [DocumentChange(type: kind.created, event: DocumentEvent(uuid: uuid, state: state, notificatie: facts))] + changes
        }
        return uuid
    }

    /// PUT/PATCH of a gebruiksrechten or verzending; false when there is none.
    public func update(
        _ kind: DocumentResource, uuid: UUID, body: [String: JSONValue], partial: Bool, authorisation: TypeAuthorisation, metadata: EventMetadata
    ) async throws -> Bool {
        guard let document = try await repository.owner(of: uuid, kind: kind) else { return false }
        let input = try validated(body, kind.schema, partial: partial)
        do {
            try await repository.write(document, metadata: metadata) { aggregate, transaction in
                guard let current = aggregate.current, let previous = aggregate.state(of: kind, uuid) else { throw DocumentNotFound() }
                try authorisation.require(
                    .scope("documenten.bijwerken"), type: current.string("informatieobjecttype"), vertrouwelijkheid: current.string("vertrouwelijkheidaanduiding"))
                var state = previous
                state.merge(input) { $1 }
                if state["informatieobject"] != previous["informatieobject"] {
                    throw ValidationErrors([FieldError(name: "informatieobject", code: "wijzigen-niet-toegelaten", reason: "Dit veld mag niet gewijzigd worden.")])
                }
                if kind == .verzending { try Self.checkAddress(state) }
                let type = try await documentType(current, transaction)
                let facts = DocumentRules.notification(kind, uuid: uuid, document: document, state: current, type: type)
                return [DocumentChange(type: kind.updated, event: DocumentEvent(uuid: uuid, state: state, notificatie: facts))]
            }
        } catch is DocumentNotFound {
            return false
        }
        return true
    }

    /// Deletes a resource under a document; false when there is none.
    public func delete(_ kind: DocumentResource, uuid: UUID, authorisation: TypeAuthorisation, metadata: EventMetadata) async throws -> Bool {
        guard let document = try await repository.owner(of: uuid, kind: kind) else { return false }
        let stateBefore = try await repository.load(document).state(of: kind, uuid) ?? [:]
        let relations = ObjectRelations(references: await references.prefetching(stateBefore), remote: references.remote)
        do {
            try await repository.write(document, metadata: metadata) { aggregate, transaction in
                guard let current = aggregate.current, let state = aggregate.state(of: kind, uuid) else { throw DocumentNotFound() }
                try authorisation.require(
                    .scope("documenten.verwijderen"), type: current.string("informatieobjecttype"), vertrouwelijkheid: current.string("vertrouwelijkheidaanduiding"))
                var changes: [DocumentChange] = []
                switch kind {
                case .gebruiksrechten where aggregate.all(.gebruiksrechten).count == 1:
                    // drc-006: the last gebruiksrechten gone, the indicatie is unknown again.
                    changes.append(amend(aggregate, indicatieGebruiksrecht: .null))
                case .objectinformatieobject:
                    try await relations.checkDelete(state, transaction: transaction)
                default:
                    break
                }
                let type = try await documentType(current, transaction)
                let facts = kind == .objectinformatieobject ? nil : DocumentRules.notification(kind, uuid: uuid, document: document, state: current, type: type)
                return [DocumentChange(type: kind.deleted, event: DocumentEvent(uuid: uuid, state: nil, notificatie: facts))] + changes
            }
        } catch is DocumentNotFound {
            return false
        }
        return true
    }

    // MARK: - Helpers

    /// The document a body's `informatieobject` names (one of ours), else a 400 on that field.
    func documentUUID(_ input: [String: JSONValue]) throws -> UUID {
        guard let uuid = ResourceURL.uuid(in: input.string("informatieobject"), api: .documenten, collection: "enkelvoudiginformatieobjecten") else {
            throw ValidationErrors([FieldError(name: "informatieobject", code: "no_match", reason: "Ongeldige hyperlink - Geen URL match.")])
        }
        return uuid
    }

    /// The latest version with a new `indicatieGebruiksrecht`: an amendment, not a new version, and not notified.
    func amend(_ aggregate: DocumentAggregate, indicatieGebruiksrecht: JSONValue) -> DocumentChange {
        var state = aggregate.current ?? [:]
        state["indicatieGebruiksrecht"] = indicatieGebruiksrecht
        return DocumentChange(type: DocumentResource.enkelvoudiginformatieobject.updated, event: DocumentEvent(uuid: aggregate.uuid, state: state, notificatie: nil))
    }

    func documentType(_ document: [String: JSONValue], _ transaction: EventStoreTransaction) async throws -> [String: JSONValue]? {
        try await references.catalogi(
            document.string("informatieobjecttype"), collection: "informatieobjecttypen", connection: transaction.connection, logger: transaction.logger)
    }

    /// A verzending goes to exactly one address.
    static func checkAddress(_ state: [String: JSONValue]) throws {
        let objects = ["binnenlandsCorrespondentieadres", "buitenlandsCorrespondentieadres", "correspondentiePostadres"].filter {
            if case .object = state[$0] { return true }
            return false
        }
        let texts = ["faxnummer", "emailadres", "telefoonnummer"].filter { !state.string($0).isEmpty }
        let count = objects.count + texts.count + (state["mijnOverheid"] == .bool(true) ? 1 : 0)
        if count != 1 {
            throw ValidationErrors([FieldError(
                name: "nonFieldErrors", code: "invalid-address",
                reason: "Geef precies één van binnenlandsCorrespondentieadres, buitenlandsCorrespondentieadres, correspondentiePostadres, faxnummer, emailadres, mijnOverheid, telefoonnummer.")])
        }
    }
}
