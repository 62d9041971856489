import Domain
import Foundation
import EventStore
import Hummingbird
import ZGWHTTP

/// `GET {root}/`: the API root, listing the absolute URL of each resource collection the API serves (as
/// Open Zaak's and DRF's API roots do). Resources register here as their issues land.
public struct APIRootController: Sendable {
    let api: ZGWAPI
    let baseURL: String
    let resources: [String]

    public init(api: ZGWAPI, baseURL: String, resources: [String]) {
        self.api = api
        self.baseURL = baseURL
        self.resources = resources
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get { _, _ in try self.root() }
        group.head { _, _ in try self.root() }
    }

    func root() throws -> Response {
        let listing = Dictionary(uniqueKeysWithValues: resources.map { ($0, "\(baseURL)\(api.root)/\($0)") })
        let body = try JSONCoding.encoder.encode(listing)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
