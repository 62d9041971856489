/// Scenario 1, Open Zaak's published test: `GET /zaken` (default page, and page 34 of 100) with a superuser
/// token and with a token for 15 zaaktypen, at 1 and 16 concurrent clients. When a client sees fewer than 34
/// pages (the limited client below ~3,400 visible zaken), its last page is used and the report says so.
struct ListScenario {
    let target: Target

    func run() async throws -> [LoadResult] {
        var results: [LoadResult] = []
        for (who, token) in [("superuser", target.superuser), ("limited 15 zaaktypen", target.limited)] {
            let count = try await target.client.require(.GET, "\(target.base)/zaken/api/v1/zaken", token: token).json()["count"] as? Int ?? 0
            let page = max(1, min(34, (count + 99) / 100))
            for (label, path) in [("default page", "/zaken/api/v1/zaken"), ("page \(page) of 100", "/zaken/api/v1/zaken?pageSize=100&page=\(page)")] {
                for concurrency in [1, 16] {
                    let url = target.base + path, client = target.client
                    var result = await target.loop(concurrency).run(scenario: "1 list", name: "GET /zaken \(label), \(who)") { _, _ in
                        try await client.send(.GET, url, token: token).isSuccess
                    }
                    result.notes = ["visible_zaken": Double(count), "page": Double(label == "default page" ? 1 : page)]
                    results.append(result)
                }
            }
        }
        return results
    }
}
