import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZGWHTTP

/// drc-009 as the reference reports it: the lock rules are about the request as a whole (`nonFieldErrors`),
/// except a PUT without `lock`, which misses a required field.
@Suite("Documenten API: drc-009 error names")
struct DocumentLockRuleTests {
    typealias F = ZakenFixture

    static func pairs(_ response: TestResponse) throws -> [String] {
        try (problem(response).invalidParams ?? []).map { "\($0.name)/\($0.code)" }
    }

    @Test("drc-009: PATCH of an unlocked document is nonFieldErrors/unlocked, of a locked one without lock nonFieldErrors/missing-lock-id, a wrong lock incorrect-lock-id; a PUT without lock is lock/required")
    func drc009_lockErrorsAreNonFieldErrors() async throws {
        try await F.run { _, client, fixture in
            let url = try await D.create(client, fixture)
            #expect(try Self.pairs(try await D.send(client, .patch, url, #"{"titel": "Nieuw"}"#)) == ["nonFieldErrors/unlocked"])
            #expect(try Self.pairs(try await D.send(client, .patch, url, #"{"titel": "Nieuw", "lock": "abc"}"#)) == ["nonFieldErrors/unlocked"])
            let lock = try await D.lock(client, url)
            #expect(try Self.pairs(try await D.send(client, .patch, url, #"{"titel": "Nieuw"}"#)) == ["nonFieldErrors/missing-lock-id"])
            #expect(try Self.pairs(try await D.send(client, .patch, url, #"{"titel": "Nieuw", "lock": "abc"}"#)) == ["nonFieldErrors/incorrect-lock-id"])
            let put = try await D.send(client, .put, url, D.document(fixture))
            #expect(put.status == .badRequest)
            #expect(try Self.pairs(put) == ["lock/required"])
            let accepted = try await D.send(client, .put, url, D.document(fixture, #", "lock": "\#(lock)""#))
            #expect(accepted.status == .ok, "\(String(buffer: accepted.body))")
            #expect(try jsonObject(accepted)["lock"] == nil, "the lock is not part of the document")
        }
    }
}
