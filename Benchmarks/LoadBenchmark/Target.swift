import Foundation

/// The server under test and what the scenarios share: tokens, the client, a sample of zaken.
struct Target: Sendable {
    let base: String
    let superuser: String
    let limited: String
    let client: LoadClient
    let seconds: Double
    /// Zaak URLs from the first pages of the list (the newest zaken: clones, with and without besluit).
    let zaken: [String]

    static func discover(base: String, superuser: String, limited: String, client: LoadClient, seconds: Double) async throws -> Target {
        var zaken: [String] = []
        for page in 1...3 {
            let list = try await client.require(.GET, "\(base)/zaken/api/v1/zaken?page=\(page)", token: superuser).json()
            zaken += (list["results"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
            if list["next"] is NSNull { break }
        }
        guard !zaken.isEmpty else { throw LoadError("the server has no zaken; run the DatasetGenerator first") }
        return Target(base: base, superuser: superuser, limited: limited, client: client, seconds: seconds, zaken: zaken)
    }

    func loop(_ concurrency: Int) -> ClosedLoop { ClosedLoop(concurrency: concurrency, seconds: seconds) }

    /// A URL as a query parameter value.
    static func encoded(_ url: String) -> String { url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? url }
}
