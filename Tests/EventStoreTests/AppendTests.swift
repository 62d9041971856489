import EventStore
import Foundation
import PostgresNIO
import Testing
import TestSupport

@Suite("Event store: append and read")
struct AppendTests {
    @Test("append assigns stream versions 1...n and gap-free global positions")
    func appendAssignsVersionsAndPositions() async throws {
        try await withTestStore { store in
            let first = try await store.append(
                to: "zaak-a", expectedVersion: .noStream,
                events: [NewEvent(type: "zaak.created", data: #"{"n": 1}"#), NewEvent(type: "status.created", data: #"{"n": 2}"#)])
            let second = try await store.append(to: "zaak-b", expectedVersion: .any, events: [NewEvent(type: "zaak.created", data: "{}")])
            #expect(first == 1...2)
            #expect(second == 3...3)
            let stream = try await store.readStream("zaak-a")
            #expect(stream.map(\.version) == [1, 2])
            #expect(stream.map(\.type) == ["zaak.created", "status.created"])
            #expect(stream[0].data == #"{"n": 1}"#)
            #expect(try await store.readAll(after: 0).map(\.position) == [1, 2, 3])
            #expect(try await store.headPosition() == 3)
            #expect(try await store.streamVersion("zaak-a") == 2)
        }
    }

    @Test("metadata is stored with the event and read back")
    func metadataRoundTrips() async throws {
        try await withTestStore { store in
            let metadata = EventMetadata(clientID: "app", userID: "u1", userRepresentation: "Jan", requestID: "r1", toelichting: "why", method: "POST", actie: "create")
            try await store.append(to: "zaak-m", expectedVersion: .noStream, events: [NewEvent(type: "x", data: "{}")], metadata: metadata)
            #expect(try await store.readStream("zaak-m").first?.metadata == metadata)
        }
    }

    @Test("expected version: exact version appends, a stale version is a typed conflict")
    func expectedVersionIsChecked() async throws {
        try await withTestStore { store in
            try await store.append(to: "zaak-v", expectedVersion: .noStream, events: [NewEvent(type: "a", data: "{}")])
            try await store.append(to: "zaak-v", expectedVersion: .exact(1), events: [NewEvent(type: "b", data: "{}")])
            await #expect(throws: EventStoreError.wrongExpectedVersion("zaak-v", .exact(1))) {
                try await store.append(to: "zaak-v", expectedVersion: .exact(1), events: [NewEvent(type: "c", data: "{}")])
            }
            await #expect(throws: EventStoreError.wrongExpectedVersion("zaak-v", .noStream)) {
                try await store.append(to: "zaak-v", expectedVersion: .noStream, events: [NewEvent(type: "c", data: "{}")])
            }
            await #expect(throws: EventStoreError.wrongExpectedVersion("zaak-new", .exact(3))) {
                try await store.append(to: "zaak-new", expectedVersion: .exact(3), events: [NewEvent(type: "c", data: "{}")])
            }
            // Failed appends consumed no position.
            #expect(try await store.headPosition() == 2)
        }
    }

    @Test("optimistic concurrency: two appends at the same expected version, exactly one wins", arguments: 0..<10)
    func concurrentAppendsAtSameVersion(round: Int) async throws {
        try await withTestStore { store in
            try await store.append(to: "zaak-race", expectedVersion: .noStream, events: [NewEvent(type: "a", data: "{}")])
            let outcomes = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
                for writer in 0..<2 {
                    group.addTask {
                        do {
                            try await store.append(to: "zaak-race", expectedVersion: .exact(1), events: [NewEvent(type: "w\(writer)", data: "{}")])
                            return true
                        } catch let error as EventStoreError where error.code == .wrongExpectedVersion {
                            return false
                        } catch {
                            Issue.record("unexpected error \(error)")
                            return false
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await store.readStream("zaak-race").map(\.version) == [1, 2])
        }
    }

    @Test("the same event id twice is refused (idempotent retries)")
    func duplicateEventIDIsRefused() async throws {
        try await withTestStore { store in
            let id = UUID()
            try await store.append(to: "zaak-d", expectedVersion: .any, events: [NewEvent(eventID: id, type: "a", data: "{}")])
            await #expect(throws: EventStoreError(code: .duplicateEventID)) {
                try await store.append(to: "zaak-e", expectedVersion: .any, events: [NewEvent(eventID: id, type: "a", data: "{}")])
            }
            #expect(try await store.readAll(after: 0).count == 1)
            #expect(try await store.streamVersion("zaak-e") == nil)
        }
    }

    @Test("a stream id with control characters is refused")
    func invalidStreamIDIsRefused() async throws {
        try await withTestStore { store in
            await #expect(throws: EventStoreError(code: .invalidStreamID, streamID: "zaak-\n")) {
                try await store.append(to: "zaak-\n", expectedVersion: .any, events: [NewEvent(type: "a", data: "{}")])
            }
        }
    }

    @Test("payload column is compressed with lz4")
    func payloadColumnUsesLZ4() async throws {
        try await withTestStore { store in
            let rows = try await store.client.query(
                "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'es.events'::regclass AND attname = 'data'")
            #expect(try await rows.collect().first?.decode(String.self) == "l")
        }
    }
}
