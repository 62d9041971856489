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
