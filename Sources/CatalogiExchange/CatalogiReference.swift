import Foundation

/// A Catalogi resource named by URL, recognised by its path's tail `/catalogi/api/v1/<collection>/<uuid>`
/// whatever host and prefix come before it (instances differ in both).
struct CatalogiReference: Hashable, Sendable {
    let resource: CatalogiResource
    let uuid: UUID

    init(resource: CatalogiResource, uuid: UUID) {
        self.resource = resource
        self.uuid = uuid
    }

    init?(url: String) {
        var path = Substring(url)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        while path.hasSuffix("/") { path = path.dropLast() }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).suffix(5).map(String.init)
        guard parts.count == 5, parts[0] == "catalogi", parts[1] == "api", parts[2] == "v1",
            let resource = CatalogiResource(collection: parts[3]), let uuid = UUID(uuidString: parts[4])
        else { return nil }
        self.init(resource: resource, uuid: uuid)
    }

    /// A uuid given on the command line, alone or as (any) URL.
    static func uuid(_ text: String) -> UUID? {
        UUID(uuidString: text) ?? CatalogiReference(url: text)?.uuid
    }

    /// Our URL of it under `baseURL`.
    func url(baseURL: String) -> String {
        "\(baseURL)/catalogi/api/v1/\(resource.collection)/\(uuid.uuidString.lowercased())"
    }
}
