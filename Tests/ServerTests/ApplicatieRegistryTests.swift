import CommandAPI
import Domain
import EventStore
import Foundation
import Logging
import Projections
import ServiceLifecycle
import Testing
import TestSupport
import ZGWHTTP

@Suite("Applicaties: event-sourced, in memory, refreshed on change")
struct ApplicatieRegistryTests {
    @Test("creating an applicatie appends an event to its own stream and projects the read model")
    func applicatieIsEventSourced() async throws {
        try await withTestStore(projectors: ReadModels.projectors, migrations: ReadModels.migrations) { store in
            let applicatie = try await ApplicatieCommands(store: store).create(
                clientID: "app", secret: "geheim", label: "App", heeftAlleAutorisaties: true, metadata: EventMetadata(method: "cli"))
            let events = try await store.readStream(StreamName.make(category: "applicatie", id: applicatie.uuid))
            #expect(events.map(\.type) == [ApplicatieEvent.created])
            #expect(try events[0].decode(ApplicatieEvent.State.self).applicatie == applicatie)
            let registry = ApplicatieRegistry()
            try await registry.reload(client: store.client, logger: store.logger)
            #expect(registry.credential(for: "app") == ClientCredential(clientID: "app", secret: "geheim", applicatie: applicatie))
        }
    }

    @Test("ac-001: a client id belongs to one applicatie only")
    func clientIDIsUnique() async throws {
        try await withTestStore(projectors: ReadModels.projectors, migrations: ReadModels.migrations) { store in
            let commands = ApplicatieCommands(store: store)
            try await commands.create(clientID: "app", secret: "a", label: "A", heeftAlleAutorisaties: true, metadata: EventMetadata())
            await #expect(throws: ApplicatieCommandError.clientIDExists("app")) {
                try await commands.create(clientID: "app", secret: "b", label: "B", heeftAlleAutorisaties: false, metadata: EventMetadata())
            }
            #expect(try await store.readAll(after: 0).count == 1)
        }
    }

    @Test("another instance's registry sees a new applicatie within a second (LISTEN/NOTIFY)")
    func registryRefreshesAcrossInstances() async throws {
        try await withTestStore(projectors: ReadModels.projectors, migrations: ReadModels.migrations) { store in
            let registry = ApplicatieRegistry()
            // A long poll interval: only the notification can make this pass in time.
            let refresher = ApplicatieRegistryRefresher(registry: registry, client: store.client, logger: store.logger, pollInterval: .seconds(60))
            let group = ServiceGroup(services: [refresher], logger: store.logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await Task.sleep(for: .milliseconds(300))
                #expect(registry.credential(for: "late") == nil)
                try await ApplicatieCommands(store: store).create(
                    clientID: "late", secret: "s", label: "Late", heeftAlleAutorisaties: true, metadata: EventMetadata())
                let deadline = ContinuousClock.now + .seconds(1)
                while registry.credential(for: "late") == nil, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(registry.credential(for: "late")?.secret == "s")
                try await ApplicatieCommands(store: store).setSecret(clientID: "late", secret: "rotated")
                let rotationDeadline = ContinuousClock.now + .seconds(1)
                while registry.credential(for: "late")?.secret != "rotated", ContinuousClock.now < rotationDeadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(registry.credential(for: "late")?.secret == "rotated")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}
