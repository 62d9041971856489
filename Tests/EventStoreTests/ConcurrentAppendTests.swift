import EventStore
import Foundation
import Testing
import TestSupport

@Suite("Event store: gap-free, commit-ordered positions under concurrent writers")
struct ConcurrentAppendTests {
    struct Rollback: Error {}

    @Test("8 writers x 500 appends on random streams: a tailing reader sees every committed position exactly once, in order")
    func tailingReaderSeesEveryCommittedEventOnce() async throws {
        try await withTestStore { store in
            let writers = 8, appendsPerWriter = 500
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The reader runs from the start, concurrently with the writers.
                let reader = Task { () throws -> [RecordedEvent] in
                    var seen: [RecordedEvent] = []
                    for try await event in store.subscribe(after: 0, batchSize: 100, pollInterval: .milliseconds(50)) {
                        seen.append(event)
                        if event.type == "done" { break }
                    }
                    return seen
                }
                var committed = Set<UUID>()
                let results = try await withThrowingTaskGroup(of: [UUID].self, returning: [[UUID]].self) { writersGroup in
                    for writer in 0..<writers {
                        writersGroup.addTask {
                            var mine: [UUID] = []
                            for index in 0..<appendsPerWriter {
                                let event = NewEvent(type: "e", data: #"{"writer": \#(writer), "i": \#(index)}"#)
                                let stream = "zaak-\(Int.random(in: 0..<50))"
                                do {
                                    _ = try await store.transaction { transaction in
                                        try await transaction.append(to: stream, expectedVersion: .any, events: [event])
                                        // Every 7th command fails after appending: it must leave no hole behind.
                                        if index % 7 == 3 { throw Rollback() }
                                    }
                                    mine.append(event.eventID)
                                } catch is Rollback {}
                            }
                            return mine
                        }
                    }
                    return try await writersGroup.reduce(into: []) { $0.append($1) }
                }
                for ids in results { committed.formUnion(ids) }
                let done = NewEvent(type: "done", data: "{}")
                try await store.append(to: "control-1", expectedVersion: .any, events: [done])
                let seen = try await reader.value
                let positions = seen.map(\.position)
                #expect(positions == Array(1...Int64(seen.count)), "strictly increasing, gap-free")
                #expect(Set(seen.map(\.eventID)) == committed.union([done.eventID]))
                #expect(seen.count == committed.count + 1, "each exactly once")
                #expect(committed.count == writers * (appendsPerWriter - appendsPerWriter / 7 - (appendsPerWriter % 7 > 3 ? 1 : 0)))
                // Within every stream, versions follow positions.
                for (_, events) in Dictionary(grouping: seen, by: \.streamID) {
                    #expect(events.map(\.version) == Array(1...Int64(events.count)))
                }
                group.cancelAll()
            }
        }
    }

    @Test("a subscription started later catches up, then follows new appends")
    func subscriptionCatchesUpThenFollows() async throws {
        try await withTestStore { store in
            for index in 0..<5 {
                try await store.append(to: "zaak-\(index)", expectedVersion: .any, events: [NewEvent(type: "old", data: "{}")])
            }
            let reader = Task { () throws -> [Int64] in
                var positions: [Int64] = []
                for try await event in store.subscribe(after: 2, pollInterval: .seconds(30)) {
                    positions.append(event.position)
                    if positions.count == 5 { break }
                }
                return positions
            }
            try await Task.sleep(for: .milliseconds(300))
            // A poll interval of 30 s: only the NOTIFY wake-up can deliver these in time.
            try await store.append(to: "zaak-new", expectedVersion: .any, events: [NewEvent(type: "new", data: "{}"), NewEvent(type: "new", data: "{}")])
            let positions = try await withThrowingTaskGroup(of: [Int64]?.self) { group in
                group.addTask { try await reader.value }
                group.addTask { try await Task.sleep(for: .seconds(10)); return nil }
                let first = try await group.next()!
                group.cancelAll()
                reader.cancel()
                return first
            }
            #expect(positions == [3, 4, 5, 6, 7])
        }
    }
}
