import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// Other services' resources on 127.0.0.1 (documents, contactmomenten, verzoeken …): GET of a path put in
/// its table answers that JSON, anything else 404.
final class ExternalResourcesStub: Sendable {
    let base: String
    private let resources: Mutex<[String: String]>

    init(base: String) {
        self.base = base
        self.resources = Mutex([:])
    }

    /// Serves `json` at `path`; returns the resource's URL.
    @discardableResult
    func put(_ path: String, _ json: String) -> String {
        resources.withLock { $0[path] = json }
        return base + path
    }

    func json(at path: String) -> String? {
        resources.withLock { $0[path] }
    }

    static func run<Result: Sendable>(_ body: @Sendable (ExternalResourcesStub) async throws -> Result) async throws -> Result {
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let table = Mutex<ExternalResourcesStub?>(nil)
        let router = Router()
        router.get("**") { request, _ -> Response in
            guard let json = table.withLock({ $0 })?.json(at: request.uri.path) else { return Response(status: .notFound) }
            return SelectielijstStub.json(json)
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
