import CommandAPI
import Domain
import EventStore
import Foundation
import Projections
import Testing
import TestSupport
import ZGWHTTP

@Suite("Applicaties file for automated deployments")
struct ApplicatieConfigurationTests {
    static func entry(label: String, secret: String, scopes: [String]) -> ApplicatieConfiguration.Entry {
        ApplicatieConfiguration.Entry(
            clientIds: ["portaal"], label: label, secret: secret, heeftAlleAutorisaties: false,
            autorisaties: [Autorisatie(component: .ztc, scopes: scopes)])
    }

    @Test("applying the same file twice changes nothing the second time; a changed entry updates; secrets are set")
    func appliesIdempotently() async throws {
        try await withTestStore(projectors: ReadModels.projectors, migrations: ReadModels.migrations) { store in
            let metadata = EventMetadata(method: "config")
            let first = ApplicatieConfiguration(entries: [Self.entry(label: "Portaal", secret: "s1", scopes: ["catalogi.lezen"])])
            #expect(try await first.apply(store: store, metadata: metadata) == [.created])
            let events = try await store.headPosition()
            #expect(try await first.apply(store: store, metadata: metadata) == [.unchanged])
            #expect(try await store.headPosition() == events, "no new event for an unchanged entry")
            let changed = ApplicatieConfiguration(entries: [Self.entry(label: "Portaal", secret: "s2", scopes: ["catalogi.lezen", "catalogi.schrijven"])])
            #expect(try await changed.apply(store: store, metadata: metadata) == [.updated])
            let registry = ApplicatieRegistry()
            try await registry.reload(client: store.client, logger: store.logger)
            let credential = try #require(registry.credential(for: "portaal"))
            #expect(credential.secret == "s2")
            #expect(credential.applicatie?.autorisaties.first?.scopes == ["catalogi.lezen", "catalogi.schrijven"])
        }
    }

    @Test("the file is JSON as the README shows it")
    func loadsJSON() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("applicaties-\(UUID()).json").path
        try #"[{"clientIds": ["portaal"], "label": "Portaal", "secret": "s", "autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen"]}]}]"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try ApplicatieConfiguration.load(path: path)
        #expect(configuration.entries.first?.autorisaties?.first?.component == .ztc)
        #expect(configuration.entries.first?.heeftAlleAutorisaties == nil)
    }
}
