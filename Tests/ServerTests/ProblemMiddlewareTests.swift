import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZGWHTTP

@Suite("problem+json for every error")
struct ProblemMiddlewareTests {
    struct Unexpected: Error {}

    func withRouter(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router(context: ZGWRequestContext.self)
        router.add(middleware: ProblemMiddleware(baseURL: "http://host"))
        router.get("/conflict") { _, _ -> Response in throw EventStoreError.wrongExpectedVersion("zaak-1", .exact(3)) }
        router.get("/crash") { _, _ -> Response in throw Unexpected() }
        router.get("/invalid") { _, _ -> Response in
            throw ZGWError.validation([InvalidParam(name: "opschorting.reden", code: "required", reason: "Dit veld is vereist.")])
        }
        try await Application(router: router).test(.router) { try await body($0) }
    }

    @Test("an optimistic-concurrency conflict from the event store is a 409 conflict")
    func conflictIs409() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/conflict", method: .get)
            #expect(response.status == .conflict)
            #expect(try problem(response).code == "conflict")
        }
    }

    @Test("an unexpected error is a 500 with code error and nothing internal in the body")
    func unexpectedErrorIs500() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/crash", method: .get)
            #expect(response.status == .internalServerError)
            #expect(response.headers[.contentType] == "application/problem+json")
            let body = try problem(response)
            #expect(body.code == "error")
            #expect(!body.detail.contains("Unexpected"))
        }
    }

    @Test("a validation error lists invalidParams with dotted camelCase names")
    func validationErrorHasInvalidParams() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/invalid", method: .get)
            #expect(response.status == .badRequest)
            let body = try problem(response)
            #expect(body.code == "invalid")
            #expect(body.type == "http://host/ref/fouten/ValidationError/")
            #expect(body.invalidParams == [InvalidParam(name: "opschorting.reden", code: "required", reason: "Dit veld is vereist.")])
        }
    }
}
