import Domain
import EventStore
import Foundation
import PostgresNIO

/// A file of applicaties with their JWT secrets, for automated deployments, applied idempotently: an entry
/// whose applicatie (found by any of its client ids) already matches changes nothing; one that differs is
/// updated; a new one is created. Secrets are set as given.
///
/// ```json
/// [{"clientIds": ["portaal"], "label": "Portaal", "secret": "…", "heeftAlleAutorisaties": false,
///   "autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen"]}]}]
/// ```
public struct ApplicatieConfiguration: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var clientIds: [String]
        public var label: String
        public var secret: String
        public var heeftAlleAutorisaties: Bool?
        public var autorisaties: [Autorisatie]?

        public init(clientIds: [String], label: String, secret: String, heeftAlleAutorisaties: Bool? = nil, autorisaties: [Autorisatie]? = nil) {
            self.clientIds = clientIds
            self.label = label
            self.secret = secret
            self.heeftAlleAutorisaties = heeftAlleAutorisaties
            self.autorisaties = autorisaties
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Reads a JSON file (a list of entries).
    public static func load(path: String) throws -> ApplicatieConfiguration {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return ApplicatieConfiguration(entries: try JSONCoding.decoder.decode([Entry].self, from: data))
    }

    public enum Outcome: Equatable, Sendable { case created, updated, unchanged }

    /// Applies every entry; returns what happened to each.
    @discardableResult
    public func apply(store: EventStore, metadata: EventMetadata) async throws -> [Outcome] {
        let commands = ApplicatieCommands(store: store)
        var outcomes: [Outcome] = []
        for entry in entries {
            let wanted = Applicatie(
                clientIds: entry.clientIds, label: entry.label, heeftAlleAutorisaties: entry.heeftAlleAutorisaties ?? false,
                autorisaties: entry.autorisaties ?? [])
            let existing = try await store.client.query(
                "SELECT uuid FROM auth.applicaties WHERE client_ids && \(entry.clientIds) ORDER BY created_position LIMIT 1", logger: store.logger
            ).collect().first?.decode(UUID.self)
            if let existing, let (current, _) = try await commands.load(existing) {
                var target = wanted
                target.uuid = existing
                if current == target {
                    outcomes.append(.unchanged)
                } else {
                    _ = try await commands.update(existing, metadata: metadata) { _ in target }
                    outcomes.append(.updated)
                }
            } else {
                try await commands.create(wanted, metadata: metadata)
                outcomes.append(.created)
            }
            for clientID in entry.clientIds { try await commands.setSecret(clientID: clientID, secret: entry.secret) }
        }
        return outcomes
    }
}
