import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Other services' resources on 127.0.0.1 (documents, contactmomenten, verzoeken …): GET of a path put in
/// its table answers that JSON, anything else 404. POST and DELETE are recorded ("POST /path body"); a POST
/// answers 201 with its body, or the status set with `refusePosts`.
final class ExternalResourcesStub: Sendable {
    let base: String
    private let resources: Mutex<[String: String]>
    private let recorded: Mutex<[String]>
    private let postStatus: Mutex<HTTPResponse.Status>
    private let fetched: Mutex<[String]>

    init(base: String) {
        self.base = base
        self.resources = Mutex([:])
        self.recorded = Mutex([])
        self.postStatus = Mutex(.created)
        self.fetched = Mutex([])
    }

    /// The paths of the GETs received, in order (answered or not).
    var gets: [String] { fetched.withLock { $0 } }

    /// The POSTs and DELETEs received, in order.
    var calls: [String] { recorded.withLock { $0 } }

    func refusePosts(_ status: HTTPResponse.Status) { postStatus.withLock { $0 = status } }

    func record(_ call: String) -> HTTPResponse.Status {
        recorded.withLock { $0.append(call) }
        return postStatus.withLock { $0 }
    }

    /// Serves `json` at `path`; returns the resource's URL.
    @discardableResult
    func put(_ path: String, _ json: String) -> String {
        resources.withLock { $0[path] = json }
        return base + path
    }

    func json(at path: String) -> String? {
        fetched.withLock { $0.append(path) }
        return resources.withLock { $0[path] }
    }

    static func run<Result: Sendable>(_ body: @Sendable (ExternalResourcesStub) async throws -> Result) async throws -> Result {
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let table = Mutex<ExternalResourcesStub?>(nil)
        let router = Router()
        router.get("**") { request, _ -> Response in
            guard let json = table.withLock({ $0 })?.json(at: request.uri.path) else { return Response(status: .notFound) }
            return SelectielijstStub.json(json)
        }
        router.post("**") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let status = table.withLock({ $0 })?.record("POST \(request.uri.path) \(body)") ?? .notFound
            return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.delete("**") { request, _ -> Response in
            _ = table.withLock({ $0 })?.record("DELETE \(request.uri.path)")
            return Response(status: .noContent)
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) })
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var ports = portStream.makeAsyncIterator()
            let stub = ExternalResourcesStub(base: "http://127.0.0.1:\(await ports.next() ?? 0)")
            table.withLock { $0 = stub }
            return try await body(stub)
        }
    }
}
