import Foundation
import Hummingbird

/// `?page=N&pageSize=M` of a paginated list: pages start at 1; `pageSize` (Open Zaak's extension) defaults
/// to 100 and is capped at 500.
public struct PageRequest: Sendable, Equatable {
    public static let parameterNames: Set<String> = ["page", "pageSize"]
    public static let defaultSize = 100
    public static let maximumSize = 500

    public let page: Int
    public let size: Int

    public init(page: Int = 1, size: Int = PageRequest.defaultSize) {
        self.page = page
        self.size = size
    }

    public init(_ query: QueryParameters) throws(ZGWError) {
        page = try query.positiveInteger("page") ?? 1
        size = min(try query.positiveInteger("pageSize") ?? Self.defaultSize, Self.maximumSize)
    }

    /// Rows before this page; a page number so large that it overflows is simply past the end.
    public var offset: Int {
        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: size)
        return overflow ? Int.max : offset
    }

    /// Renders `{"count", "next", "previous", "results"}` around ready-made JSON objects, with `next` and
    /// `previous` being the request URL with `page` replaced. A page past the end (other than the first) is
    /// a 404, as DRF answers.
    public func render(count: Int, results: [String], request: Request, baseURL: String) throws(ZGWError) -> String {
        if page > 1, offset >= count { throw .notFound("Ongeldige pagina.") }
        let next = offset + results.count < count ? url(request: request, baseURL: baseURL, page: page + 1) : nil
        let previous = page > 1 ? url(request: request, baseURL: baseURL, page: page - 1) : nil
        return "{\"count\":\(count),\"next\":\(Self.jsonString(next)),\"previous\":\(Self.jsonString(previous)),\"results\":[\(results.joined(separator: ","))]}"
    }

    func url(request: Request, baseURL: String, page: Int) -> String {
        var items = request.uri.queryParameters.map { (String($0.key), String($0.value)) }.filter { $0.0 != "page" }
        if page > 1 { items.append(("page", String(page))) }
        var components = URLComponents()
        components.queryItems = items.sorted { $0.0 < $1.0 }.map { URLQueryItem(name: $0.0, value: $0.1) }
        let query = items.isEmpty ? "" : "?" + (components.percentEncodedQuery ?? "")
        return baseURL + request.uri.path + query
    }

    static func jsonString(_ value: String?) -> String {
        guard let value else { return "null" }
        let data = (try? JSONEncoder().encode(value)) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }
}
