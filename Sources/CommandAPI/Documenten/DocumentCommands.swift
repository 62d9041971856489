import ContentStore
import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO
import ZGWHTTP

/// What a write said about the document's bytes: nothing, `inhoud: null`, or bytes already in the content
/// store (streamed there while the body was read).
public enum DocumentInhoud: Sendable {
    case absent, null
    case content(StoredContent)
}

/// The writes of the Documenten API for informatieobjecten. Every change is an event in the document's
/// stream; every PUT/PATCH is a new version. The bytes are in the content store before the event that names
/// them is committed.
public struct DocumentCommands: Sendable {
    let repository: DocumentRepository
    let references: ZaakReferences
    let validator: SchemaValidator
    let contents: any ContentStore
    /// The size of the bestandsdelen a large upload is split into.
    let chunkSize: Int64

    public init(store: EventStore, baseURL: String, contents: any ContentStore, chunkSize: Int64, outbound: OutboundCalls) {
        self.repository = DocumentRepository(store: store)
        self.references = ZaakReferences(remote: RemoteResources(outbound: outbound), baseURL: baseURL)
        self.validator = SchemaValidator(.documenten, baseURL: baseURL)
        self.contents = contents
        self.chunkSize = chunkSize
    }

    static let identificatie = GeneratedIdentificatie(
        table: "documenten.informatieobjecten", organisationColumn: "bronorganisatie", organisationField: "bronorganisatie",
        sequence: "documenten.document_identificatie", prefix: "DOCUMENT", yearField: "creatiedatum", uniqueIndex: "informatieobjecten_identificatie")

    func validated(_ body: [String: JSONValue], _ schema: String, partial: Bool) throws -> [String: JSONValue] {
        var errors: [FieldError] = []
        let state = validator.writable(body, schema: schema, partial: partial, errors: &errors)
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return state
    }

    // MARK: - Informatieobjecten

    /// Creates a document (version 1). With `bestandsomvang` and no `inhoud` the bytes come in bestandsdelen:
    /// the document is then locked and the lock is returned.
    public func createDocument(
        _ body: [String: JSONValue], inhoud: DocumentInhoud, authorisation: TypeAuthorisation, metadata: EventMetadata
    ) async throws -> (uuid: UUID, lock: String?) {
        var validatedInput = try validated(body, DocumentResource.enkelvoudiginformatieobject.schema, partial: false)
        validatedInput["inhoud"] = nil
        let (content, parts) = try upload(inhoud, state: &validatedInput, body: body, previous: nil, previousContent: nil)
        let input = validatedInput
        let uuid = UUID()
        let lock = parts?.isEmpty == false ? Self.newLock() : nil
        let rules = DocumentRules(references: await references.prefetching(input))
        for attempt in 1...5 {
            do {
                try await repository.write(uuid, metadata: metadata) { _, transaction in
                    var state = input
                    let type = try await rules.check(&state, previous: nil, aggregate: nil, transaction: transaction)
                    try authorisation.require(.scope("documenten.aanmaken"), type: state.string("informatieobjecttype"), vertrouwelijkheid: state.string("vertrouwelijkheidaanduiding"))
                    try await Self.identificatie.assign(&state, connection: transaction.connection, logger: transaction.logger)
                    state["url"] = .string(DocumentResource.enkelvoudiginformatieobject.url(uuid))
                    state["versie"] = .number(1)
                    state["beginRegistratie"] = .string(ZGWDateTime.format(Date()))
                    let facts = DocumentRules.notification(.enkelvoudiginformatieobject, uuid: uuid, document: uuid, state: state, type: type)
                    return [DocumentChange(
                        type: DocumentResource.enkelvoudiginformatieobject.created,
                        event: DocumentEvent(uuid: uuid, state: state, content: content, lock: lock, parts: parts, notificatie: facts))]
                }
                return (uuid, lock)
            } catch where Self.identificatie.isDuplicate(error) {
                if !input.string("identificatie").isEmpty || attempt == 5 { throw GeneratedIdentificatie.notUnique }
            }
        }
        return (uuid, lock)
    }

    /// PUT/PATCH: a new version, with the lock the client holds (drc-009). False when there is no such document.
    public func updateDocument(
        _ uuid: UUID, body: [String: JSONValue], inhoud: DocumentInhoud, partial: Bool, authorisation: TypeAuthorisation, metadata: EventMetadata
    ) async throws -> Bool {
        let givenLock = body["lock"]?.text
        // The update schema requires `lock` on a PUT (`lock` / `required`); the lock is not part of the state.
        var validatedInput = try validated(body, DocumentResource.enkelvoudiginformatieobject.updateSchema, partial: partial)
        validatedInput["inhoud"] = nil
        validatedInput["lock"] = nil
        let input = validatedInput
        let rules = DocumentRules(references: await references.prefetching(input))
        do {
            try await repository.write(uuid, metadata: metadata) { aggregate, transaction in
                guard let previous = aggregate.current else { throw DocumentNotFound() }
                let requirement = ScopeRequirement.anyOf(["documenten.bijwerken", "documenten.geforceerd-bijwerken"])
                try authorisation.require(requirement, type: previous.string("informatieobjecttype"), vertrouwelijkheid: previous.string("vertrouwelijkheidaanduiding"))
                try Self.checkLock(givenLock, aggregate: aggregate)
                var state = previous
                state.merge(input) { $1 }
                let (content, parts) = try upload(inhoud, state: &state, body: body, previous: previous, previousContent: aggregate.contents[aggregate.versie])
                let type = try await rules.check(&state, previous: previous, aggregate: aggregate, transaction: transaction)
                try authorisation.require(requirement, type: state.string("informatieobjecttype"), vertrouwelijkheid: state.string("vertrouwelijkheidaanduiding"))
                for key in ["url", "identificatie"] where state.string(key).isEmpty { state[key] = previous[key] }
                state["url"] = previous["url"]
                state["versie"] = .number(Double(aggregate.versie + 1))
                state["beginRegistratie"] = .string(ZGWDateTime.format(Date()))
                let facts = DocumentRules.notification(.enkelvoudiginformatieobject, uuid: uuid, document: uuid, state: state, type: type)
                return [DocumentChange(
                    type: DocumentResource.enkelvoudiginformatieobject.updated,
                    event: DocumentEvent(uuid: uuid, state: state, content: content, parts: parts, notificatie: facts))]
            }
        } catch is DocumentNotFound {
            return false
        }
        return true
    }

    /// drc-008: a document with objectinformatieobjecten stays (`pending-relations`); otherwise every version
    /// goes, and the bytes no other document uses. False when there is no such document.
    public func deleteDocument(_ uuid: UUID, authorisation: TypeAuthorisation, metadata: EventMetadata) async throws -> Bool {
        let before: DocumentAggregate
        do {
            before = try await repository.write(uuid, metadata: metadata) { aggregate, transaction in
                guard let current = aggregate.current else { throw DocumentNotFound() }
                try authorisation.require(.scope("documenten.verwijderen"), type: current.string("informatieobjecttype"), vertrouwelijkheid: current.string("vertrouwelijkheidaanduiding"))
                if !aggregate.all(.objectinformatieobject).isEmpty {
                    throw ValidationErrors([FieldError(
                        name: "nonFieldErrors", code: "pending-relations",
                        reason: "Object kan niet verwijderd worden aangezien er nog relaties (objectinformatieobjecten) bestaan.")])
                }
                let type = try await references.catalogi(current.string("informatieobjecttype"), collection: "informatieobjecttypen", connection: transaction.connection, logger: transaction.logger)
                let facts = DocumentRules.notification(.enkelvoudiginformatieobject, uuid: uuid, document: uuid, state: current, type: type)
                return [DocumentChange(type: DocumentResource.enkelvoudiginformatieobject.deleted, event: DocumentEvent(uuid: uuid, state: nil, notificatie: facts))]
            }
        } catch is DocumentNotFound {
            return false
        }
        await removeUnused(Array(before.contents.values) + Array(before.uploaded.values))
        return true
    }

    // MARK: - Helpers

    /// The bytes of a new version and the bestandsdelen it waits for (nil: the plan in progress stays, []: none):
    /// the bytes uploaded (their size must be the `bestandsomvang` the body declares); with `inhoud` null or
    /// empty and a size declared, a plan of parts (a large-file upload); without `inhoud`, the previous
    /// version's bytes, unless the body declares a new size (then a new plan).
    func upload(
        _ inhoud: DocumentInhoud, state: inout [String: JSONValue], body: [String: JSONValue], previous: [String: JSONValue]?, previousContent: StoredContent?
    ) throws -> (content: StoredContent?, parts: [PlannedPart]?) {
        let declared = state["bestandsomvang"]?.integer.map(Int64.init)
        var given = inhoud
        if case .content(let content) = inhoud, content.size == 0 { given = .null }
        switch given {
        case .content(let content):
            if body["bestandsomvang"] != nil, let declared, declared != content.size {
                // About two fields at once: the reference reports it as `nonFieldErrors`.
                throw ValidationErrors([FieldError(
                    name: "nonFieldErrors", code: "file-size",
                    reason: "De bestandsomvang (\(declared)) komt niet overeen met de grootte van de inhoud (\(content.size)).")])
            }
            state["bestandsomvang"] = .number(Double(content.size))
            return (content, [])
        case .null:
            if let declared, declared > 0 { return (nil, PlannedPart.plan(size: declared, chunkSize: chunkSize)) }
            return (nil, [])
        case .absent:
            let newSize = previous == nil || (body["bestandsomvang"] != nil && state["bestandsomvang"] != previous?["bestandsomvang"])
            if newSize, let declared, declared > 0 { return (nil, PlannedPart.plan(size: declared, chunkSize: chunkSize)) }
            // The bytes stay, and so does their size when the body does not name one (a PUT without it).
            if let previous, body["bestandsomvang"] == nil { state["bestandsomvang"] = previous["bestandsomvang"] }
            return (previous == nil ? nil : previousContent, nil)
        }
    }

    /// drc-009: a change needs the document's current lock (`DocumentLockRule`).
    static func checkLock(_ given: String?, aggregate: DocumentAggregate) throws {
        if let refusal = DocumentLockRule.refusal(given: given, current: aggregate.lock) { throw ValidationErrors([refusal]) }
    }

    /// An unguessable lock id (122 random bits).
    static func newLock() -> String { UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }

    /// Removes bytes no document version or bestandsdeel refers to any more (content is shared by digest).
    func removeUnused(_ digests: [StoredContent]) async {
        for sha256 in Set(digests.map(\.sha256)) {
            let rows = try? await repository.store.client.query(
                """
                SELECT 1 FROM documenten.versions WHERE content_sha256 = \(sha256)
                UNION ALL SELECT 1 FROM documenten.bestandsdelen WHERE content_sha256 = \(sha256) LIMIT 1
                """
            ).collect()
            if rows?.isEmpty == true { try? await contents.remove(sha256) }
        }
    }
}

extension DocumentInhoud: Equatable {}
