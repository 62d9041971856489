import Domain
import EventStore
import Foundation
import PostgresNIO
import Projections

/// Writes of one zaaktype sub-type (statustypen, roltypen): events in the zaaktype's stream, appended at the
/// zaaktype's stream version (so a concurrent publish is a conflict, not a race). ztc-010/011: sub-types of a
/// published zaaktype cannot be created, changed or deleted (`non-concept-zaaktype`) without the forced scopes.
public struct ZaakTypeSubTypeCommands<T: ZaakTypeSubType>: Sendable {
    public typealias Check = @Sendable (T, ZaakType, EventStoreTransaction) async throws -> Void

    let store: EventStore
    let zaaktypen: CatalogusTypeCommands<ZaakType>
    let table: String
    /// Type-specific rules, inside the write's transaction.
    let validate: Check
    /// Whether the zaaktype's parts are closed for this sub-type (default: the zaaktype is published).
    let isClosed: @Sendable (T, ZaakType, EventStoreTransaction) async throws -> Bool
    /// Checks and defaults that call other services (the Selectielijst API), before the transaction opens.
    let prepare: @Sendable (T, ZaakType) async throws -> T
    /// The error when the zaaktype's parts are closed: `non-concept-zaaktype`, or `non-concept-relation` for links.
    let closedError: FieldError

    public init(
        store: EventStore, zaaktypen: CatalogusTypeCommands<ZaakType>, table: String, validate: @escaping Check = { _, _, _ in },
        isClosed: @escaping @Sendable (T, ZaakType, EventStoreTransaction) async throws -> Bool = { _, zaaktype, _ in !zaaktype.concept },
        prepare: @escaping @Sendable (T, ZaakType) async throws -> T = { type, _ in type },
        closedError: FieldError = ZaakTypeSubTypeCommands.nonConceptZaaktype
    ) {
        self.store = store
        self.zaaktypen = zaaktypen
        self.table = table
        self.validate = validate
        self.isClosed = isClosed
        self.prepare = prepare
        self.closedError = closedError
    }

    var events: SubTypeEvents { .of(T.self) }

    public func create(_ type: T, forced: Bool, metadata: EventMetadata) async throws -> String {
        guard let (zaaktype, version) = try await zaaktypen.load(type.zaaktype) else {
            throw ValidationErrors([FieldError(name: "zaaktype", code: "does_not_exist", reason: "Ongeldige hyperlink - Object bestaat niet.")])
        }
        return try await write(type, zaaktype: zaaktype, version: version, eventType: events.created, forced: forced, metadata: metadata)
    }

    /// Nil when the sub-type does not exist.
    public func update(_ uuid: UUID, forced: Bool, metadata: EventMetadata, change: (T) -> T) async throws -> String? {
        guard let (current, zaaktype, version) = try await load(uuid) else { return nil }
        var updated = change(current)
        updated.uuid = uuid
        guard updated.zaaktype == current.zaaktype else {
            throw ValidationErrors([FieldError(name: "zaaktype", code: "wijzigen-niet-toegelaten", reason: "Het zaaktype van een bestaand object kan niet gewijzigd worden.")])
        }
        return try await write(updated, zaaktype: zaaktype, version: version, eventType: events.updated, forced: forced, metadata: metadata)
    }

    /// False when the sub-type does not exist.
    public func delete(_ uuid: UUID, forced: Bool, metadata: EventMetadata) async throws -> Bool {
        guard let (current, zaaktype, version) = try await load(uuid) else { return false }
        _ = try await store.transaction { transaction in
            if !forced, try await isClosed(current, zaaktype, transaction) { throw ValidationErrors([closedError]) }
            try await transaction.append(
                to: StreamName.make(category: ZaakType.streamCategory, id: current.zaaktype), expectedVersion: .exact(version),
                events: [try NewEvent(type: events.deleted, payload: CatalogusTypeReference(uuid: uuid))], metadata: metadata)
        }
        return true
    }

    /// The sub-type's state, its zaaktype and the stream's version, from one read of the zaaktype's stream.
    func load(_ uuid: UUID) async throws -> (type: T, zaaktype: ZaakType, version: Int64)? {
        let rows = try await store.client.query(PostgresQuery(unsafeSQL: "SELECT zaaktype FROM \(table) WHERE uuid = $1", binds: .of(uuid))).collect()
        guard let owner = try rows.first?.decode(UUID.self) else { return nil }
        let stream = try await store.readStream(StreamName.make(category: ZaakType.streamCategory, id: owner))
        guard let (zaaktype, version) = try zaaktypen.fold(stream) else { return nil }
        var state: T?
        for event in stream where events.all.contains(event.type) {
            if event.type == events.deleted {
                if try event.decode(CatalogusTypeReference.self).uuid == uuid { state = nil }
            } else {
                let value = try event.decode(ResourceState<T>.self).value
                if value.uuid == uuid { state = value }
            }
        }
        return state.map { ($0, zaaktype, version) }
    }

    public static var nonConceptRelation: FieldError {
        FieldError(name: "nonFieldErrors", code: "non-concept-relation", reason: "Het zaaktype en het informatieobjecttype zijn beide gepubliceerd; de relatie kan niet meer gewijzigd worden.")
    }

    public static var nonConceptZaaktype: FieldError {
        FieldError(name: "nonFieldErrors", code: "non-concept-zaaktype", reason: "Het zaaktype is gepubliceerd; zijn onderdelen kunnen niet meer gewijzigd worden.")
    }

    /// Appends at the zaaktype stream's `version`, read together with `zaaktype`.
    private func write(
        _ type: T, zaaktype: ZaakType, version: Int64, eventType: String, forced: Bool, metadata: EventMetadata
    ) async throws -> String {
        let type = try await prepare(type, zaaktype)
        let (representation, _) = try await store.transaction { transaction in
            try await write(type, zaaktype: zaaktype, version: version, eventType: eventType, forced: forced, metadata: metadata, in: transaction)
            return try await StoredRepresentation.of(type.uuid, in: table, connection: transaction.connection, logger: transaction.logger) ?? ""
        }
        return representation
    }

    /// The checks and defaults that call other services (the Selectielijst API), to run before a transaction.
    public func prepareBeforeTransaction(_ type: T, zaaktype: ZaakType) async throws -> T {
        try await prepare(type, zaaktype)
    }

    /// Creates a sub-type inside a transaction another write opened (an import), after
    /// `prepareBeforeTransaction`, appending at the zaaktype stream's `version`.
    public func create(_ type: T, zaaktype: ZaakType, version: Int64, in transaction: EventStoreTransaction, metadata: EventMetadata) async throws {
        try await write(type, zaaktype: zaaktype, version: version, eventType: events.created, forced: false, metadata: metadata, in: transaction)
    }

    private func write(
        _ type: T, zaaktype: ZaakType, version: Int64, eventType: String, forced: Bool, metadata: EventMetadata, in transaction: EventStoreTransaction
    ) async throws {
        if !forced, try await isClosed(type, zaaktype, transaction) { throw ValidationErrors([closedError]) }
        try await validate(type, zaaktype, transaction)
        try await transaction.append(
            to: StreamName.make(category: ZaakType.streamCategory, id: type.zaaktype), expectedVersion: .exact(version),
            events: [try NewEvent(type: eventType, payload: ResourceState(type))], metadata: metadata)
    }
}
