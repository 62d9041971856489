import Domain
import EventStore
import Foundation
import PostgresNIO
import Projections

/// Commands on applicaties that operators run from the CLI (the Autorisaties API adds its own on top).
public struct ApplicatieCommands: Sendable {
    let store: EventStore

    public init(store: EventStore) {
        self.store = store
    }

    /// Arbitrary constant key for the advisory lock that serialises checks of client id uniqueness (ac-001).
    static let clientIDLock: Int64 = 0x6163_3030_3100_0001

    /// Creates an applicatie for `clientID` and stores its JWT secret, in one transaction.
    /// Throws `ApplicatieCommandError.clientIDExists` when the client id belongs to an applicatie already (ac-001).
    @discardableResult
    public func create(
        clientID: String, secret: String, label: String, heeftAlleAutorisaties: Bool, autorisaties: [Autorisatie] = [],
        metadata: EventMetadata
    ) async throws -> Applicatie {
        guard !clientID.isEmpty, clientID.count <= 50 else { throw ApplicatieCommandError.invalid("client id must be 1 to 50 characters") }
        guard !secret.isEmpty else { throw ApplicatieCommandError.invalid("secret must not be empty") }
        let applicatie = Applicatie(clientIds: [clientID], label: label, heeftAlleAutorisaties: heeftAlleAutorisaties, autorisaties: autorisaties)
        _ = try await store.transaction { transaction in
            let connection = transaction.connection
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.clientIDLock))", logger: transaction.logger)
            let taken = try await connection.query(
                "SELECT 1 FROM auth.applicaties WHERE client_ids && \([clientID])", logger: transaction.logger
            ).collect()
            guard taken.isEmpty else { throw ApplicatieCommandError.clientIDExists(clientID) }
            try await transaction.append(
                to: StreamName.make(category: Applicatie.streamCategory, id: applicatie.uuid), expectedVersion: .noStream,
                events: [try NewEvent(type: ApplicatieEvent.created, payload: ApplicatieEvent.State(applicatie: applicatie))],
                metadata: metadata)
            try await Self.storeSecret(clientID: clientID, secret: secret, connection: connection, logger: transaction.logger)
        }
        return applicatie
    }

    /// Creates an applicatie from the Autorisaties API (no secret: secrets are set by operators).
    public func create(_ applicatie: Applicatie, metadata: EventMetadata) async throws {
        try Self.validate(applicatie)
        _ = try await store.transaction { transaction in
            try await Self.checkClientIDs(applicatie, transaction: transaction)
            try await transaction.append(
                to: StreamName.make(category: Applicatie.streamCategory, id: applicatie.uuid), expectedVersion: .noStream,
                events: [try NewEvent(type: ApplicatieEvent.created, payload: ApplicatieEvent.State(applicatie: applicatie))], metadata: metadata)
        }
    }

    /// The current state and stream version; nil when unknown or deleted.
    public func load(_ uuid: UUID) async throws -> (applicatie: Applicatie, version: Int64)? {
        var state: Applicatie?
        var version: Int64 = 0
        for event in try await store.readStream(StreamName.make(category: Applicatie.streamCategory, id: uuid)) {
            version = event.version
            switch event.type {
            case ApplicatieEvent.created, ApplicatieEvent.updated: state = try event.decode(ApplicatieEvent.State.self).applicatie
            case ApplicatieEvent.deleted: state = nil
            default: break
            }
        }
        return state.map { ($0, version) }
    }

    /// Replaces an applicatie (PUT, PATCH); false when unknown.
    public func update(_ uuid: UUID, metadata: EventMetadata, change: (Applicatie) -> Applicatie) async throws -> Bool {
        guard let (current, version) = try await load(uuid) else { return false }
        var updated = change(current)
        updated.uuid = uuid
        try Self.validate(updated)
        _ = try await store.transaction { transaction in
            try await Self.checkClientIDs(updated, transaction: transaction)
            try await transaction.append(
                to: StreamName.make(category: Applicatie.streamCategory, id: uuid), expectedVersion: .exact(version),
                events: [try NewEvent(type: ApplicatieEvent.updated, payload: ApplicatieEvent.State(applicatie: updated))], metadata: metadata)
        }
        return true
    }

    /// Deletes an applicatie; false when unknown.
    public func delete(_ uuid: UUID, metadata: EventMetadata) async throws -> Bool {
        guard let (_, version) = try await load(uuid) else { return false }
        try await store.append(
            to: StreamName.make(category: Applicatie.streamCategory, id: uuid), expectedVersion: .exact(version),
            events: [try NewEvent(type: ApplicatieEvent.deleted, payload: ApplicatieEvent.Deleted(uuid: uuid))], metadata: metadata)
        return true
    }

    /// ac-002 and ac-003: all autorisaties, or a list of them (`ambiguous-authorizations-specified`,
    /// `missing-authorizations`); zrc/drc/brc autorisaties name their type (and a maximum confidentiality).
    static func validate(_ applicatie: Applicatie) throws(ValidationErrors) {
        var errors: [FieldError] = []
        if applicatie.heeftAlleAutorisaties, !applicatie.autorisaties.isEmpty {
            errors.append(FieldError(name: "nonFieldErrors", code: "ambiguous-authorizations-specified", reason: "Geef ofwel heeftAlleAutorisaties ofwel autorisaties op, niet beide."))
        }
        if !applicatie.heeftAlleAutorisaties, applicatie.autorisaties.isEmpty {
            errors.append(FieldError(name: "nonFieldErrors", code: "missing-authorizations", reason: "Geef heeftAlleAutorisaties of ten minste een autorisatie op."))
        }
        for (index, autorisatie) in applicatie.autorisaties.enumerated() {
            let (field, prefix): (String?, String) = switch autorisatie.component {
            case .zrc: (autorisatie.zaaktype, "zaken.")
            case .drc: (autorisatie.informatieobjecttype, "documenten.")
            case .brc: (autorisatie.besluittype, "besluiten.")
            default: (nil, "")
            }
            guard !prefix.isEmpty, autorisatie.scopes.contains(where: { $0.hasPrefix(prefix) }) else { continue }
            let name = ["zrc": "zaaktype", "drc": "informatieobjecttype", "brc": "besluittype"][autorisatie.component.rawValue]!
            if (field ?? "").isEmpty { errors.append(.required("autorisaties.\(index).\(name)")) }
            if autorisatie.component != .brc, autorisatie.maxVertrouwelijkheidaanduiding == nil {
                errors.append(.required("autorisaties.\(index).maxVertrouwelijkheidaanduiding"))
            }
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }

    /// ac-001: no client id of this applicatie may belong to another one (`clientId-exists`).
    static func checkClientIDs(_ applicatie: Applicatie, transaction: EventStoreTransaction) async throws {
        try await transaction.connection.query("SELECT pg_advisory_xact_lock(\(clientIDLock))", logger: transaction.logger)
        let taken = try await transaction.connection.query(
            "SELECT 1 FROM auth.applicaties WHERE client_ids && \(applicatie.clientIds) AND uuid <> \(applicatie.uuid)", logger: transaction.logger
        ).collect()
        if !taken.isEmpty {
            throw ValidationErrors([FieldError(name: "clientIds", code: "clientId-exists", reason: "Een of meer client IDs horen al bij een andere applicatie.")])
        }
    }

    /// Sets (or replaces) the JWT secret of a client id.
    public func setSecret(clientID: String, secret: String) async throws {
        guard !secret.isEmpty else { throw ApplicatieCommandError.invalid("secret must not be empty") }
        try await store.client.withConnection { connection in
            try await Self.storeSecret(clientID: clientID, secret: secret, connection: connection, logger: store.logger)
        }
    }

    static func storeSecret(clientID: String, secret: String, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO auth.jwt_secrets (client_id, secret) VALUES (\(clientID), \(secret))
            ON CONFLICT (client_id) DO UPDATE SET secret = excluded.secret, updated_at = now()
            """, logger: logger)
    }
}

/// Why an applicatie command was refused.
public enum ApplicatieCommandError: Error, Equatable, CustomStringConvertible {
    /// ac-001: a client id belongs to one applicatie only.
    case clientIDExists(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .clientIDExists(let clientID): "client id \(clientID) belongs to another applicatie already (clientId-exists)"
        case .invalid(let reason): reason
        }
    }
}
