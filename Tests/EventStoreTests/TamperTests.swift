import EventStore
import Foundation
import PostgresNIO
import Testing
import TestSupport

@Suite("Event store: tamper evidence")
struct TamperTests {
    func appendSample(_ store: EventStore) async throws {
        for index in 1...10 {
            try await store.append(
                to: "zaak-\(index % 3)", expectedVersion: .any,
                events: [NewEvent(type: "zaak.updated", data: #"{"omschrijving": "versie \#(index)", "ö": [1, 2.50]}"#)],
                metadata: EventMetadata(clientID: "client-\(index)", userID: "u", method: "PATCH"))
        }
    }

    /// Runs `sql` with the append-only trigger disabled, as a superuser could.
    func tamper(_ store: EventStore, _ sql: String) async throws {
        try await store.client.withConnection { connection in
            try await connection.query("ALTER TABLE es.events DISABLE TRIGGER USER", logger: store.logger)
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: store.logger)
            try await connection.query("ALTER TABLE es.events ENABLE TRIGGER USER", logger: store.logger)
        }
    }

    @Test("an untouched log verifies, also in ranges")
    func untouchedLogVerifies() async throws {
        try await withTestStore { store in
            #expect(try await store.verify() == .intact(events: 0, lastPosition: 0))
            try await appendSample(store)
            #expect(try await store.verify() == .intact(events: 10, lastPosition: 10))
            #expect(try await store.verify(from: 4, to: 7) == .intact(events: 4, lastPosition: 7))
            #expect(try await store.verify(segments: 3) == .intact(events: 10, lastPosition: 10))
        }
    }

    @Test("an altered payload breaks the chain at its position")
    func alteredPayloadIsFound() async throws {
        try await withTestStore { store in
            try await appendSample(store)
            try await tamper(store, #"UPDATE es.events SET data = '{"omschrijving": "vervalst"}' WHERE position = 6"#)
            #expect(try await store.verify() == .broken(position: 6, reason: .payloadAltered))
            #expect(try await store.verify(segments: 4) == .broken(position: 6, reason: .payloadAltered))  // the same when ranges run at once
            #expect(try await store.verify(to: 5).isIntact)
            // Checking the links alone trusts the stored digest, which still matches the link.
            #expect(try await store.verify(payloads: false) == .intact(events: 10, lastPosition: 10))
        }
    }

    @Test("an altered payload with a recomputed payload digest still breaks the chain")
    func alteredPayloadAndDigestIsFound() async throws {
        try await withTestStore { store in
            try await appendSample(store)
            try await tamper(
                store,
                #"UPDATE es.events SET data = '{"a": 1}', payload_sha256 = sha256(convert_to('{"a": 1}', 'UTF8')) WHERE position = 4"#)
            #expect(try await store.verify() == .broken(position: 4, reason: .hashMismatch))
            #expect(try await store.verify(segments: 4) == .broken(position: 4, reason: .hashMismatch))  // the same when ranges run at once
            #expect(try await store.verify(payloads: false) == .broken(position: 4, reason: .hashMismatch))  // the links cover the digest
        }
    }

    @Test("altered metadata, type or time breaks the chain at that row")
    func alteredRowIsFound() async throws {
        try await withTestStore { store in
            try await appendSample(store)
            try await tamper(store, #"UPDATE es.events SET metadata = '{"clientId": "someone-else"}' WHERE position = 3"#)
            #expect(try await store.verify() == .broken(position: 3, reason: .hashMismatch))
            #expect(try await store.verify(segments: 2, payloads: false) == .broken(position: 3, reason: .hashMismatch))
            #expect(try await store.verify(segments: 4) == .broken(position: 3, reason: .hashMismatch))  // the same when ranges run at once
        }
        try await withTestStore { store in
            try await appendSample(store)
            try await tamper(store, "UPDATE es.events SET recorded_at = recorded_at - interval '1 day' WHERE position = 9")
            #expect(try await store.verify() == .broken(position: 9, reason: .hashMismatch))
            #expect(try await store.verify(segments: 4) == .broken(position: 9, reason: .hashMismatch))  // the same when ranges run at once
        }
    }

    @Test("a deleted row and a removed tail are found")
    func deletedRowsAreFound() async throws {
        try await withTestStore { store in
            try await appendSample(store)
            try await tamper(store, "DELETE FROM es.events WHERE position = 5")
            #expect(try await store.verify() == .broken(position: 5, reason: .missingEvent))
            #expect(try await store.verify(segments: 4) == .broken(position: 5, reason: .missingEvent))  // the same when ranges run at once
        }
        try await withTestStore { store in
            try await appendSample(store)
            try await tamper(store, "DELETE FROM es.events WHERE position = 10")
            #expect(try await store.verify() == .broken(position: 10, reason: .missingEvent))
            #expect(try await store.verify(segments: 4) == .broken(position: 10, reason: .missingEvent))  // the same when ranges run at once
        }
    }

    @Test("UPDATE, DELETE and TRUNCATE on events are refused by the database")
    func updateAndDeleteAreRefused() async throws {
        try await withTestStore { store in
            try await appendSample(store)
            for sql in ["UPDATE es.events SET event_type = 'x' WHERE position = 1", "DELETE FROM es.events WHERE position = 1", "TRUNCATE es.events"] {
                await #expect(throws: PSQLError.self, "\(sql)") {
                    try await store.client.query(PostgresQuery(unsafeSQL: sql))
                }
                let rows = try await store.client.query("SELECT count(*) FROM es.events WHERE event_type = 'zaak.updated'")
                #expect(try await rows.collect().first?.decode(Int64.self) == 10)
            }
            do {
                try await store.client.query("DELETE FROM es.events")
                Issue.record("DELETE succeeded")
            } catch let error as PSQLError {
                #expect(error.serverInfo?[.sqlState] == "ZS001")
            }
        }
    }
}
