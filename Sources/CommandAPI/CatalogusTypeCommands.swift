import Domain
import EventStore
import Foundation
import PostgresNIO
import Projections

/// Writes of one catalogus type, with the rules all of them share: the catalogus must exist; versions of
/// one key may not overlap in a catalogus (`overlap`); published types are immutable (ztc-009,
/// `non-concept-object`) except for `eindeGeldigheid` alone or with the forced scopes. Type-specific rules come
/// in through `validate` (inside the write's transaction) and `checkPublish`.
public struct CatalogusTypeCommands<T: CatalogusType>: Sendable {
    public typealias Check = @Sendable (T, EventStoreTransaction) async throws -> Void

    let store: EventStore
    let table: String
    let keyColumn: String
    /// "Dit informatieobjecttype", for messages.
    let label: String
    let validate: Check
    let checkPublish: Check
    /// Completes a new type inside its transaction (e.g. a generated `identificatie`).
    let prepareNew: @Sendable (T, EventStoreTransaction) async throws -> T
    /// Checks that call other services (the Selectielijst API), run before the transaction opens so no
    /// transaction waits on HTTP.
    let validateRemote: @Sendable (T) async throws -> Void
    /// ztc-010: the relations of the type (current and updated) that have a published member and hold an update.
    let publishedOnUpdate: @Sendable (_ current: T, _ updated: T, EventStoreTransaction) async throws -> [String]
    /// ztc-010: the relations of the type that have a published member and hold a delete.
    let publishedOnDelete: @Sendable (T, EventStoreTransaction) async throws -> [String]

    public init(
        store: EventStore, table: String, keyColumn: String, label: String, validate: @escaping Check = { _, _ in },
        checkPublish: @escaping Check = { _, _ in }, prepareNew: @escaping @Sendable (T, EventStoreTransaction) async throws -> T = { type, _ in type },
        validateRemote: @escaping @Sendable (T) async throws -> Void = { _ in },
        publishedOnUpdate: @escaping @Sendable (T, T, EventStoreTransaction) async throws -> [String] = { _, _, _ in [] },
        publishedOnDelete: @escaping @Sendable (T, EventStoreTransaction) async throws -> [String] = { _, _ in [] }
    ) {
        self.store = store
        self.table = table
        self.keyColumn = keyColumn
        self.label = label
        self.validate = validate
        self.checkPublish = checkPublish
        self.prepareNew = prepareNew
        self.validateRemote = validateRemote
        self.publishedOnUpdate = publishedOnUpdate
        self.publishedOnDelete = publishedOnDelete
    }

    /// Serialises version checks of concurrent writes.
    static var versionLock: Int64 { 0x7A74_6330_0000_0002 }

    var events: CatalogusTypeEvents { .of(T.self) }

    static func streamID(_ uuid: UUID) -> String { StreamName.make(category: T.streamCategory, id: uuid) }

    /// The current state and stream version, folded from the stream; nil when it does not exist (or was deleted).
    public func load(_ uuid: UUID) async throws -> (type: T, version: Int64)? {
        try fold(try await store.readStream(Self.streamID(uuid)))
    }

    /// The state and stream version from a stream's events (others' events in it, such as sub-types', are skipped).
    public func fold(_ stream: [RecordedEvent]) throws -> (type: T, version: Int64)? {
        var state: T?
        var version: Int64 = 0
        for event in stream {
            version = event.version
            switch event.type {
            case events.created, events.updated: state = try event.decode(ResourceState<T>.self).value
            case events.published: state?.concept = false
            case events.deleted: state = nil
            default: break
            }
        }
        return state.map { ($0, version) }
    }

    /// Creates a concept; returns its stored representation.
    public func create(_ type: T, metadata: EventMetadata) async throws -> String {
        var type = type
        type.concept = true
        return try await write(type, expected: .noStream, eventType: events.created, metadata: metadata, prepare: prepareNew)
    }

    /// Replaces the state (PUT, PATCH). `changedFields` are the fields the request sent; `forced` is true for a
    /// client with `catalogi.geforceerd-schrijven`. Nil when the type does not exist.
    public func update(
        _ uuid: UUID, changedFields: Set<String>, forced: Bool, metadata: EventMetadata, change: (T) -> T
    ) async throws -> String? {
        guard let (current, version) = try await load(uuid) else { return nil }
        if !current.concept, !forced, !changedFields.isSubset(of: ["eindeGeldigheid"]) {
            throw ValidationErrors([Self.nonConcept])
        }
        var updated = change(current)
        updated.uuid = uuid
        updated.concept = current.concept
        return try await write(updated, expected: .exact(version), eventType: events.updated, metadata: metadata, check: { updated, transaction in
            let published = try await publishedOnUpdate(current, updated, transaction)
            if let refusal = PublishedRelationRule.updateRefusal(publishedRelations: published, changedFields: changedFields, forced: forced) {
                throw ValidationErrors([refusal])
            }
        })
    }

    /// Publishes (concept = false); a published version may not overlap another published one (`overlap`).
    public func publish(_ uuid: UUID, metadata: EventMetadata) async throws -> String? {
        guard let (current, version) = try await load(uuid) else { return nil }
        let (representation, _) = try await store.transaction { transaction in
            if current.concept { try await publish(current, version: version, in: transaction, metadata: metadata) }
            return try await storedRepresentation(uuid, transaction: transaction)
        }
        return representation
    }

    /// Publishes a concept at stream `version` inside a transaction another write opened (an import).
    public func publish(_ type: T, version: Int64, in transaction: EventStoreTransaction, metadata: EventMetadata) async throws {
        try await checkPublish(type, transaction)
        try await checkOverlap(type, publishedOnly: true, transaction: transaction)
        try await transaction.append(
            to: Self.streamID(type.uuid), expectedVersion: .exact(version),
            events: [try NewEvent(type: events.published, payload: CatalogusTypeReference(uuid: type.uuid))], metadata: metadata)
    }

    /// Deletes a concept; a published one only with `forced` (`catalogi.geforceerd-verwijderen`). False when unknown.
    public func delete(_ uuid: UUID, forced: Bool, metadata: EventMetadata) async throws -> Bool {
        guard let (current, version) = try await load(uuid) else { return false }
        if !current.concept, !forced { throw ValidationErrors([Self.nonConcept]) }
        _ = try await store.transaction { transaction in
            let published = try await publishedOnDelete(current, transaction)
            if let refusal = PublishedRelationRule.deleteRefusal(publishedRelations: published, forced: forced) { throw ValidationErrors([refusal]) }
            try await transaction.append(
                to: Self.streamID(uuid), expectedVersion: .exact(version),
                events: [try NewEvent(type: events.deleted, payload: CatalogusTypeReference(uuid: uuid))], metadata: metadata)
        }
        return true
    }

    static var nonConcept: FieldError {
        FieldError(name: "nonFieldErrors", code: "non-concept-object", reason: "Het is niet toegestaan om een gepubliceerd object te wijzigen of te verwijderen.")
    }

    private func write(
        _ type: T, expected: ExpectedVersion, eventType: String, metadata: EventMetadata,
        prepare: @Sendable (T, EventStoreTransaction) async throws -> T = { type, _ in type },
        check: @Sendable (T, EventStoreTransaction) async throws -> Void = { _, _ in }
    ) async throws -> String {
        try await checkBeforeTransaction(type)
        let (representation, _) = try await store.transaction { transaction in
            let type = try await write(
                type, expected: expected, eventType: eventType, metadata: metadata, prepare: prepare, check: check, in: transaction)
            return try await storedRepresentation(type.uuid, transaction: transaction)
        }
        return representation
    }

    /// The rules of a write that need no transaction, among them the calls to other services (Selectielijst).
    public func checkBeforeTransaction(_ type: T) async throws {
        if let einde = type.eindeGeldigheid, einde < type.beginGeldigheid {
            throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "date-mismatch", reason: "beginGeldigheid moet voor eindeGeldigheid liggen.")])
        }
        try await validateRemote(type)
    }

    /// Creates a concept inside a transaction another write opened (an import), after `checkBeforeTransaction`;
    /// returns the type as stored (with, e.g., its generated identificatie).
    public func create(_ type: T, in transaction: EventStoreTransaction, metadata: EventMetadata) async throws -> T {
        var type = type
        type.concept = true
        return try await write(type, expected: .noStream, eventType: events.created, metadata: metadata, prepare: prepareNew, in: transaction)
    }

    /// The rules inside the transaction, then the event.
    private func write(
        _ type: T, expected: ExpectedVersion, eventType: String, metadata: EventMetadata,
        prepare: @Sendable (T, EventStoreTransaction) async throws -> T,
        check: @Sendable (T, EventStoreTransaction) async throws -> Void = { _, _ in }, in transaction: EventStoreTransaction
    ) async throws -> T {
        let type = try await prepare(type, transaction)
        let exists = try await transaction.connection.query(
            "SELECT 1 FROM catalogi.catalogussen WHERE uuid = \(type.catalogus)", logger: transaction.logger
        ).collect()
        guard !exists.isEmpty else {
            throw ValidationErrors([FieldError(name: "catalogus", code: "does_not_exist", reason: "Ongeldige hyperlink - Object bestaat niet.")])
        }
        try await check(type, transaction)
        try await validate(type, transaction)
        try await checkOverlap(type, publishedOnly: false, transaction: transaction)
        try await transaction.append(
            to: Self.streamID(type.uuid), expectedVersion: expected,
            events: [try NewEvent(type: eventType, payload: ResourceState(type))], metadata: metadata)
        return type
    }

    /// Versions of one key in one catalogus must not share a day of validity.
    private func checkOverlap(_ type: T, publishedOnly: Bool, transaction: EventStoreTransaction) async throws {
        let connection = transaction.connection
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.versionLock))", logger: transaction.logger)
        let binds = PostgresBindings.of(type.catalogus, type.versionKey, type.uuid, publishedOnly)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT to_char(begin_geldigheid, 'YYYY-MM-DD'), to_char(einde_geldigheid, 'YYYY-MM-DD') FROM \(table)
                    WHERE catalogus = $1 AND \(keyColumn) = $2 AND uuid <> $3 AND (NOT $4 OR NOT concept)
                    """, binds: binds), logger: transaction.logger
        ).collect()
        for row in rows {
            let (begin, einde) = try row.decode((String, String?).self)
            guard let beginDate = ZGWDate(begin) else { continue }
            if type.geldigheid.overlaps(Geldigheid(begin: beginDate, einde: einde.flatMap(ZGWDate.init))) {
                throw ValidationErrors([
                    FieldError(name: "nonFieldErrors", code: "overlap", reason: "\(label) komt al voor binnen de catalogus en opgegeven geldigheidsperiode.")
                ])
            }
        }
    }

    private func storedRepresentation(_ uuid: UUID, transaction: EventStoreTransaction) async throws -> String {
        try await StoredRepresentation.of(uuid, in: table, connection: transaction.connection, logger: transaction.logger) ?? ""
    }
}
