import Domain
import EventStore
import Foundation
import PostgresNIO
import Projections

/// Writes of informatieobjecttypen, with the Catalogi rules: the catalogus must exist, versions with one
/// omschrijving may not overlap (`overlap`), published types are immutable (ztc-009, `non-concept-object`)
/// except for `eindeGeldigheid` alone or with the forced scopes.
public struct InformatieObjectTypeCommands: Sendable {
    let store: EventStore

    public init(store: EventStore) {
        self.store = store
    }

    /// Serialises version checks of concurrent writes.
    static let versionLock: Int64 = 0x7A74_6330_0000_0002

    static func streamID(_ uuid: UUID) -> String { StreamName.make(category: InformatieObjectType.streamCategory, id: uuid) }

    /// The current state and stream version, folded from the stream; nil when it does not exist (or was deleted).
    public func load(_ uuid: UUID) async throws -> (type: InformatieObjectType, version: Int64)? {
        var state: InformatieObjectType?
        var version: Int64 = 0
        for event in try await store.readStream(Self.streamID(uuid)) {
            version = event.version
            switch event.type {
            case InformatieObjectTypeEvent.created, InformatieObjectTypeEvent.updated:
                state = try event.decode(InformatieObjectTypeEvent.State.self).informatieobjecttype
            case InformatieObjectTypeEvent.published: state?.concept = false
            case InformatieObjectTypeEvent.deleted: state = nil
            default: break
            }
        }
        return state.map { ($0, version) }
    }

    public func create(_ type: InformatieObjectType, metadata: EventMetadata) async throws -> String {
        var type = type
        type.concept = true
        return try await write(type, expected: .noStream, eventType: InformatieObjectTypeEvent.created, metadata: metadata)
    }

    /// Replaces the state (PUT, PATCH). `changedFields` are the fields the request sent; `forced` is true for
    /// a client with `catalogi.geforceerd-schrijven`.
    public func update(_ uuid: UUID, changedFields: Set<String>, forced: Bool, metadata: EventMetadata, change: (InformatieObjectType) -> InformatieObjectType) async throws -> String? {
        guard let (current, version) = try await load(uuid) else { return nil }
        if !current.concept, !forced, !changedFields.isSubset(of: ["eindeGeldigheid"]) {
            throw ValidationErrors([Self.nonConcept])
        }
        var updated = change(current)
        updated.uuid = uuid
        updated.concept = current.concept
        return try await write(updated, expected: .exact(version), eventType: InformatieObjectTypeEvent.updated, metadata: metadata)
    }

    /// Publishes (concept = false); a published version may not overlap another published one (`overlap`).
    public func publish(_ uuid: UUID, metadata: EventMetadata) async throws -> String? {
        guard let (current, version) = try await load(uuid) else { return nil }
        let (representation, _) = try await store.transaction { transaction in
            if current.concept {
                try await Self.checkOverlap(current, publishedOnly: true, transaction: transaction)
                try await transaction.append(
                    to: Self.streamID(uuid), expectedVersion: .exact(version),
                    events: [try NewEvent(type: InformatieObjectTypeEvent.published, payload: InformatieObjectTypeEvent.Reference(uuid: uuid))],
                    metadata: metadata)
            }
            return try await Self.representation(uuid, transaction: transaction)
        }
        return representation
    }

    /// Deletes a concept; a published one only with `forced` (`catalogi.geforceerd-verwijderen`). False when unknown.
    public func delete(_ uuid: UUID, forced: Bool, metadata: EventMetadata) async throws -> Bool {
        guard let (current, version) = try await load(uuid) else { return false }
        if !current.concept, !forced { throw ValidationErrors([Self.nonConcept]) }
        try await store.append(
            to: Self.streamID(uuid), expectedVersion: .exact(version),
            events: [try NewEvent(type: InformatieObjectTypeEvent.deleted, payload: InformatieObjectTypeEvent.Reference(uuid: uuid))],
            metadata: metadata)
        return true
    }

    static let nonConcept = FieldError(
        name: "nonFieldErrors", code: "non-concept-object", reason: "Het is niet toegestaan om een gepubliceerd object te wijzigen of te verwijderen.")

    private func write(_ type: InformatieObjectType, expected: ExpectedVersion, eventType: String, metadata: EventMetadata) async throws -> String {
        if let einde = type.eindeGeldigheid, einde < type.beginGeldigheid {
            throw ValidationErrors([FieldError(name: "eindeGeldigheid", code: "date-mismatch", reason: "eindeGeldigheid mag niet voor beginGeldigheid liggen.")])
        }
        let (representation, _) = try await store.transaction { transaction in
            let exists = try await transaction.connection.query(
                "SELECT 1 FROM catalogi.catalogussen WHERE uuid = \(type.catalogus)", logger: transaction.logger
            ).collect()
            guard !exists.isEmpty else {
                throw ValidationErrors([FieldError(name: "catalogus", code: "does_not_exist", reason: "Ongeldige hyperlink - Object bestaat niet.")])
            }
            try await Self.checkOverlap(type, publishedOnly: false, transaction: transaction)
            try await transaction.append(
                to: Self.streamID(type.uuid), expectedVersion: expected,
                events: [try NewEvent(type: eventType, payload: InformatieObjectTypeEvent.State(informatieobjecttype: type))], metadata: metadata)
            return try await Self.representation(type.uuid, transaction: transaction)
        }
        return representation
    }

    /// Versions of one omschrijving in one catalogus must not share a day of validity.
    static func checkOverlap(_ type: InformatieObjectType, publishedOnly: Bool, transaction: EventStoreTransaction) async throws {
        try await transaction.connection.query("SELECT pg_advisory_xact_lock(\(versionLock))", logger: transaction.logger)
        let rows = try await transaction.connection.query(
            """
            SELECT to_char(begin_geldigheid, 'YYYY-MM-DD'), to_char(einde_geldigheid, 'YYYY-MM-DD') FROM catalogi.informatieobjecttypen
            WHERE catalogus = \(type.catalogus) AND omschrijving = \(type.omschrijving) AND uuid <> \(type.uuid)
              AND (NOT \(publishedOnly) OR NOT concept)
            """, logger: transaction.logger
        ).collect()
        for row in rows {
            let (begin, einde) = try row.decode((String, String?).self)
            guard let beginDate = ZGWDate(begin) else { continue }
            if type.geldigheid.overlaps(Geldigheid(begin: beginDate, einde: einde.flatMap(ZGWDate.init))) {
                throw ValidationErrors([
                    FieldError(
                        name: "nonFieldErrors", code: "overlap",
                        reason: "Dit informatieobjecttype komt al voor binnen de catalogus en opgegeven geldigheidsperiode.")
                ])
            }
        }
    }

    static func representation(_ uuid: UUID, transaction: EventStoreTransaction) async throws -> String {
        let rows = try await transaction.connection.query(
            "SELECT representation::text FROM catalogi.informatieobjecttypen WHERE uuid = \(uuid)", logger: transaction.logger
        ).collect()
        return try rows.first?.decode(String.self) ?? ""
    }
}
