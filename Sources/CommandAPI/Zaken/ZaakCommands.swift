import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO
import ZGWHTTP

/// The writes of the Zaken API. Every change becomes events in the zaak's stream, checked against the zaak's
/// state as the stream tells it and appended at that version (see `ZaakRepository`).
public struct ZaakCommands: Sendable {
    let repository: ZaakRepository
    let references: ZaakReferences
    let validator: SchemaValidator
    let remote: RemoteRelations

    public init(store: EventStore, baseURL: String, outbound: OutboundCalls) {
        self.repository = ZaakRepository(store: store)
        self.references = ZaakReferences(remote: RemoteResources(outbound: outbound), baseURL: baseURL)
        self.remote = RemoteRelations(outbound: outbound)
        self.validator = SchemaValidator(.zaken, baseURL: baseURL)
    }

    static let geforceerd = "zaken.geforceerd-bijwerken"

    /// The body checked against the resource's schema (400 with every field error).
    func validated(_ body: [String: JSONValue], _ kind: ZaakResource, partial: Bool) throws -> [String: JSONValue] {
        var errors: [FieldError] = []
        let state = validator.writable(body, schema: kind.schema, partial: partial, errors: &errors)
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return state
    }

    // MARK: - The zaak

    public func createZaak(_ body: [String: JSONValue], authorisation: ZaakAuthorisation, metadata: EventMetadata) async throws -> UUID {
        let input = try validated(body, .zaak, partial: false)
        let uuid = UUID()
        let rules = ZaakRules(references: await references.prefetching(input))
        // A generated number that a given identificatie took in the meantime: take the next one.
        for attempt in 1...5 {
            do {
                try await repository.write(uuid, metadata: metadata) { _, transaction in
                    var state = input
                    let zaaktype = try await rules.check(&state, uuid: uuid, previous: nil, transaction: transaction)
                    try authorisation.require(.scope("zaken.aanmaken"), zaaktype: state.string("zaaktype"), vertrouwelijkheid: state.string("vertrouwelijkheidaanduiding"))
                    try await ZaakIdentificatie.assign(&state, connection: transaction.connection, logger: transaction.logger)
                    state["url"] = .string(ZaakResource.zaak.url(uuid, zaak: uuid))
                    state["uuid"] = .string(uuid.lowercased)
                    return [change(.zaak, uuid: uuid, state: state, zaak: uuid, zaakState: state, zaaktype: zaaktype)]
                }
                return uuid
            } catch where ZaakIdentificatie.isDuplicate(error) {
                if !input.string("identificatie").isEmpty || attempt == 5 { throw ZaakIdentificatie.notUnique }
            }
        }
        return uuid
    }

    /// False when there is no such zaak.
    public func updateZaak(
        _ uuid: UUID, body: [String: JSONValue], partial: Bool, authorisation: ZaakAuthorisation, metadata: EventMetadata
    ) async throws -> Bool {
        let input = try validated(body, .zaak, partial: partial)
        let rules = ZaakRules(references: await references.prefetching(input))
        do {
            try await repository.write(uuid, metadata: metadata) { aggregate, transaction in
                guard let previous = aggregate.zaak else { throw ZaakNotFound() }
                try requireScopes(.anyOf(["zaken.bijwerken", Self.geforceerd]), on: aggregate, authorisation: authorisation)
                var state = previous
                state.merge(input) { $1 }
                let documents = aggregate.all(.zaakinformatieobject).map { $0.state.string("informatieobject") }
                let zaaktype = try await rules.check(&state, uuid: uuid, previous: previous, documents: documents, transaction: transaction)
                try requireOpen(aggregate, authorisation: authorisation)
                // Moving the zaak out of the client's reach is as forbidden as reaching it.
                try authorisation.require(.anyOf(["zaken.bijwerken", Self.geforceerd]), zaaktype: state.string("zaaktype"), vertrouwelijkheid: state.string("vertrouwelijkheidaanduiding"))
                for key in ["url", "uuid", "einddatum"] { state[key] = previous[key] }
                return [change(.zaak, .updated, uuid: uuid, state: state, zaak: uuid, zaakState: state, zaaktype: zaaktype)]
            }
        } catch is ZaakNotFound {
            return false
        }
        return true
    }

    /// zrc-023: the zaak and everything under it, and its deelzaken with theirs. False when there is none.
    public func deleteZaak(_ uuid: UUID, authorisation: ZaakAuthorisation, metadata: EventMetadata) async throws -> Bool {
        let before: ZaakAggregate
        do {
            before = try await repository.write(uuid, metadata: metadata) { aggregate, transaction in
                guard let zaak = aggregate.zaak else { throw ZaakNotFound() }
                try authorisation.require(.scope("zaken.verwijderen"), zaaktype: zaak.string("zaaktype"), vertrouwelijkheid: zaak.string("vertrouwelijkheidaanduiding"))
                // Open Zaak: besluiten that still point to the zaak keep it.
                let besluiten = try await transaction.connection.query(
                    "SELECT 1 FROM besluiten.besluiten WHERE zaak = \(ZaakResource.zaak.url(uuid, zaak: uuid)) LIMIT 1", logger: transaction.logger
                ).collect()
                if !besluiten.isEmpty {
                    throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "related-besluiten", reason: "De zaak heeft nog besluiten; verwijder die eerst.")])
                }
                let zaaktype = try await references.catalogi(zaak.string("zaaktype"), collection: "zaaktypen", connection: transaction.connection, logger: transaction.logger)
                var changes = [change(.zaak, uuid: uuid, state: nil, zaak: uuid, zaakState: zaak, zaaktype: zaaktype)]
                var removed = [uuid]
                let rows = try await transaction.connection.query("SELECT uuid, representation::text FROM zaken.zaken WHERE hoofdzaak = \(uuid)", logger: transaction.logger).collect()
                for row in rows {
                    let (deelzaak, text) = try row.decode((UUID, String).self)
                    let state = (try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))) ?? [:]
                    changes.append(change(.zaak, uuid: deelzaak, state: nil, zaak: deelzaak, zaakState: state, zaaktype: zaaktype))
                    removed.append(deelzaak)
                }
                // Their documents' objectinformatieobjecten go with them.
                return changes + (try await ObjectInformatieObjectMirror.deleted(zaken: removed, connection: transaction.connection, logger: transaction.logger))
            }
        } catch is ZaakNotFound {
            return false
        }
        let object = absoluteURL(ofZaak: uuid)
        let external = before.all(.zaakinformatieobject).map { $0.state.string("informatieobject") }.filter { !ZaakReferences.isLocal($0) }
        for document in external { await remote.deleteObjectInformatieObject(document: document, object: object, logger: repository.store.logger) }
        return true
    }

    // MARK: - Resources under a zaak

    /// Creates a resource of `kind` under the zaak its body names (or `zaak`, for the nested collections).
    /// Returns its uuid.
    public func create(
        _ kind: ZaakResource, body: [String: JSONValue], zaak nestedZaak: UUID? = nil, authorisation: ZaakAuthorisation, metadata: EventMetadata
    ) async throws -> UUID {
        var body = body
        if let nestedZaak {
            // The nested collections take their zaak from the path.
            body["zaak"] = .string(absoluteURL(ofZaak: nestedZaak))
        }
        var input = try validated(body, kind, partial: false)
        let zaakUUID: UUID
        if let nestedZaak {
            zaakUUID = nestedZaak
            input["zaak"] = .string(ZaakResource.zaak.url(nestedZaak, zaak: nestedZaak))
        } else {
            guard let url = input["zaak"]?.text, let uuid = ZaakReferences.localUUID(url, api: .zaken, collection: "zaken") else {
                throw ValidationErrors([FieldError(name: "zaak", code: "no_match", reason: "Ongeldige hyperlink - Geen URL match.")])
            }
            zaakUUID = uuid
        }
        let uuid = UUID()
        let state = input
        // A new status may close the zaak, which needs its documents (zrc-007) and, once it has a resultaat, the
        // objects of its zaakobjecten (zrc-021, a brondatum from a zaakobject): fetch them ahead too.
        var ahead: [String] = []
        if kind == .status {
            let zaak = try await repository.load(zaakUUID)
            ahead = zaak.all(.zaakinformatieobject).map { $0.state.string("informatieobject") }
            if !zaak.all(.resultaat).isEmpty { ahead += zaak.all(.zaakobject).map { $0.state.string("object") } }
        }
        let references = await references.prefetching(input, also: ahead)
        let subResources = SubResourceRules(references: references)
        try await repository.write(zaakUUID, metadata: metadata) { aggregate, transaction in
            guard let zaak = aggregate.zaak else {
                if nestedZaak != nil { throw ZaakNotFound() }
                throw ValidationErrors([FieldError(name: "zaak", code: "does_not_exist", reason: "Ongeldige hyperlink - Object bestaat niet.")])
            }
            let zaaktype = try await zaaktype(of: zaak, transaction)
            var state = state
            state["url"] = .string(kind.url(uuid, zaak: zaakUUID))
            state["uuid"] = .string(uuid.lowercased)
            var changes: [ZaakChange]
            if kind == .status {
                changes = try await ZaakClosing(references: references).setStatus(&state, aggregate: aggregate, zaaktype: zaaktype, authorisation: authorisation, transaction: transaction)
            } else {
                try requireScopes(Self.createRequirement(kind), on: aggregate, authorisation: authorisation)
                changes = try await subResources.prepare(kind, &state, previous: nil, aggregate: aggregate, zaaktype: zaaktype, transaction: transaction)
                try requireOpen(aggregate, authorisation: authorisation)
            }
            changes.insert(change(kind, uuid: uuid, state: state, zaak: zaakUUID, zaakState: zaak, zaaktype: zaaktype), at: 0)
            return changes
        }
        if let (relation, field) = Self.remoteRelation(kind) {
            try await mirrorRemotely(kind, uuid: uuid, zaak: zaakUUID, relation: relation, resource: state.string(field), metadata: metadata)
        }
        return uuid
    }

    /// The relation another API keeps for a resource under a zaak, and the field naming that API's resource:
    /// zrc-005 (documents), zrc-024 (verzoeken), zrc-025 (contactmomenten).
    static func remoteRelation(_ kind: ZaakResource) -> (RemoteRelations.Kind, String)? {
        switch kind {
        case .zaakinformatieobject: (.informatieobject, "informatieobject")
        case .zaakcontactmoment: (.contactmoment, "contactmoment")
        case .zaakverzoek: (.verzoek, "verzoek")
        default: nil
        }
    }

    /// The relation in another API (the document's objectinformatieobject, the contactmoment's
    /// objectcontactmoment, the verzoek's objectverzoek) is made there once ours is committed (that API checks
    /// ours exists); when it fails, ours is taken back and the failure is the answer.
    func mirrorRemotely(_ kind: ZaakResource, uuid: UUID, zaak: UUID, relation: RemoteRelations.Kind, resource: String, metadata: EventMetadata) async throws {
        guard !resource.isEmpty, !ZaakReferences.isLocal(resource) else { return }
        let object = absoluteURL(ofZaak: zaak)
        do {
            try await remote.createObjectRelation(relation, resource: resource, object: object, objectType: "zaak")
        } catch {
            try await repository.write(zaak, metadata: metadata) { aggregate, transaction in
                guard let state = aggregate.zaak, aggregate.state(of: kind, uuid) != nil else { return [] }
                return [change(kind, uuid: uuid, state: nil, zaak: zaak, zaakState: state, zaaktype: try await zaaktype(of: state, transaction))]
            }
            throw error
        }
    }

    /// Updates a resource under a zaak; false when there is none.
    public func update(
        _ kind: ZaakResource, uuid: UUID, body: [String: JSONValue], partial: Bool, authorisation: ZaakAuthorisation, metadata: EventMetadata
    ) async throws -> Bool {
        guard let zaakUUID = try await repository.owner(of: uuid, kind: kind) else { return false }
        var body = body
        if kind == .zaakeigenschap, body["zaak"] == nil {
            body["zaak"] = .string(absoluteURL(ofZaak: zaakUUID))
        }
        let input = try validated(body, kind, partial: partial)
        let subResources = SubResourceRules(references: await references.prefetching(input))
        do {
            try await repository.write(zaakUUID, metadata: metadata) { aggregate, transaction in
                guard let zaak = aggregate.zaak, let previous = aggregate.state(of: kind, uuid) else { throw ZaakNotFound() }
                try requireScopes(.anyOf(["zaken.bijwerken", Self.geforceerd]), on: aggregate, authorisation: authorisation)
                let zaaktype = try await zaaktype(of: zaak, transaction)
                var state = previous
                state.merge(input) { $1 }
                // The zaak of a resource never changes.
                if let given = input["zaak"], given != previous["zaak"] {
                    throw ValidationErrors([FieldError(name: "zaak", code: "wijzigen-niet-toegelaten", reason: "Dit veld mag niet gewijzigd worden.")])
                }
                let changes = try await subResources.prepare(kind, &state, previous: previous, aggregate: aggregate, zaaktype: zaaktype, transaction: transaction)
                try requireOpen(aggregate, authorisation: authorisation)
                return [change(kind, .updated, uuid: uuid, state: state, zaak: zaakUUID, zaakState: zaak, zaaktype: zaaktype)] + changes
            }
        } catch is ZaakNotFound {
            return false
        }
        return true
    }

    /// Deletes a resource under a zaak; false when there is none.
    public func delete(_ kind: ZaakResource, uuid: UUID, authorisation: ZaakAuthorisation, metadata: EventMetadata) async throws -> Bool {
        guard let zaakUUID = try await repository.owner(of: uuid, kind: kind) else { return false }
        let before: ZaakAggregate
        do {
            before = try await repository.write(zaakUUID, metadata: metadata) { aggregate, transaction in
                guard let zaak = aggregate.zaak, let state = aggregate.state(of: kind, uuid) else { throw ZaakNotFound() }
                try requireWrite(Self.deleteRequirement(kind), on: aggregate, authorisation: authorisation)
                let zaaktype = try await zaaktype(of: zaak, transaction)
                var mirrors: [ZaakChange] = []
                if kind == .zaakinformatieobject {
                    mirrors = try await ObjectInformatieObjectMirror.deleted(
                        zaken: [zaakUUID], informatieobject: state.string("informatieobject"), connection: transaction.connection, logger: transaction.logger)
                }
                return [change(kind, uuid: uuid, state: nil, zaak: zaakUUID, zaakState: zaak, zaaktype: zaaktype)] + mirrors
            }
        } catch is ZaakNotFound {
            return false
        }
        if let (relation, field) = Self.remoteRelation(kind), let resource = before.state(of: kind, uuid)?.string(field),
            !resource.isEmpty, !ZaakReferences.isLocal(resource)
        {
            let object = absoluteURL(ofZaak: zaakUUID)
            await remote.deleteObjectRelation(relation, resource: resource, object: object, logger: repository.store.logger)
        }
        return true
    }

    // MARK: - Helpers

    /// A zaak's URL as clients and other APIs see it.
    func absoluteURL(ofZaak zaak: UUID) -> String {
        ResourceURL.absolute(ZaakResource.zaak.url(zaak, zaak: zaak), baseURL: references.baseURL)
    }

    static func createRequirement(_ kind: ZaakResource) -> ScopeRequirement {
        switch kind {
        case .zaakobject, .zaakinformatieobject: .anyOf(["zaken.aanmaken", "zaken.bijwerken", geforceerd])
        case .zaakcontactmoment, .zaakverzoek, .zaakbesluit: .scope("zaken.bijwerken")
        default: .anyOf(["zaken.bijwerken", geforceerd])
        }
    }

    static func deleteRequirement(_ kind: ZaakResource) -> ScopeRequirement {
        switch kind {
        case .zaakobject, .zaakinformatieobject: .anyOf(["zaken.bijwerken", geforceerd, "zaken.verwijderen"])
        case .zaakcontactmoment, .zaakverzoek, .zaakbesluit: .scope("zaken.bijwerken")
        default: .anyOf(["zaken.bijwerken", geforceerd])
        }
    }

    /// The client's scopes for this zaak must satisfy `requirement`; zrc-007: once the zaak is closed, only
    /// `zaken.geforceerd-bijwerken` changes it or anything under it.
    func requireWrite(_ requirement: ScopeRequirement, on aggregate: ZaakAggregate, authorisation: ZaakAuthorisation) throws(ZGWError) {
        try requireScopes(requirement, on: aggregate, authorisation: authorisation)
        try requireOpen(aggregate, authorisation: authorisation)
    }

    /// The client's scopes for this zaak must satisfy `requirement` (checked before the body's rules).
    func requireScopes(_ requirement: ScopeRequirement, on aggregate: ZaakAggregate, authorisation: ZaakAuthorisation) throws(ZGWError) {
        let zaak = aggregate.zaak ?? [:]
        try authorisation.require(requirement, zaaktype: zaak.string("zaaktype"), vertrouwelijkheid: zaak.string("vertrouwelijkheidaanduiding"))
    }

    /// zrc-007: a closed zaak changes only with `zaken.geforceerd-bijwerken`. Checked after the body's rules, as
    /// the reference does: an invalid body is a 400 also on a closed zaak.
    func requireOpen(_ aggregate: ZaakAggregate, authorisation: ZaakAuthorisation) throws(ZGWError) {
        let zaak = aggregate.zaak ?? [:]
        if aggregate.isClosed {
            guard authorisation.allows(.scope(Self.geforceerd), zaaktype: zaak.string("zaaktype"), vertrouwelijkheid: zaak.string("vertrouwelijkheidaanduiding")) else {
                throw .permissionDenied("De zaak is afgesloten; wijzigen vereist de scope zaken.geforceerd-bijwerken.")
            }
        }
    }

    func zaaktype(of zaak: [String: JSONValue], _ transaction: EventStoreTransaction) async throws -> [String: JSONValue] {
        try await references.catalogi(zaak.string("zaaktype"), collection: "zaaktypen", connection: transaction.connection, logger: transaction.logger) ?? [:]
    }

    /// An event for one resource, with the notification facts of kanaal `zaken` (kenmerken of the zaak).
    func change(
        _ kind: ZaakResource, _ action: ZaakAction = .created, uuid: UUID, state: [String: JSONValue]?, zaak: UUID, zaakState: [String: JSONValue], zaaktype: [String: JSONValue]?
    ) -> ZaakChange {
        var kenmerken = [
            "bronorganisatie": zaakState.string("bronorganisatie"), "zaaktype": zaakState.string("zaaktype"),
            "vertrouwelijkheidaanduiding": zaakState.string("vertrouwelijkheidaanduiding"),
        ]
        if let catalogus = zaaktype?["catalogus"]?.text { kenmerken["zaaktype.catalogus"] = catalogus }
        let facts = NotificationFacts(
            kanaal: "zaken", hoofdObject: ZaakResource.zaak.url(zaak, zaak: zaak), resource: kind.rawValue, resourceUrl: kind.url(uuid, zaak: zaak),
            kenmerken: kenmerken)
        let type = state == nil ? kind.deleted : (action == .created ? kind.created : kind.updated)
        return ZaakChange(zaak: zaak, type: type, event: ZaakEvent(uuid: uuid, state: state, notificatie: facts))
    }
}

enum ZaakAction { case created, updated }

/// The zaak (or the resource) disappeared: a 404.
struct ZaakNotFound: Error {}
