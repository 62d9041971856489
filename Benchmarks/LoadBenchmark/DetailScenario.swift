import Foundation

/// Scenario 2: what a zaak-detail screen needs, as the 14 serial calls of Open Zaak's test (zaak, statussen,
/// resultaat, rollen, zaakobjecten, zaaktype, statustypen, besluittypen, resultaattype,
/// objectinformatieobjecten, 3 documents, besluiten) against the one call `GET zaak?expand=…`. Each zaak has
/// one document, so "3 documents" fetches it three times. One client, serial, as a screen loads.
struct DetailScenario {
    let target: Target
    static let expand = "zaaktype,status.statustype,resultaat.resultaattype,rollen.roltype,eigenschappen.eigenschap,zaakobjecten,zaakinformatieobjecten"

    func run() async throws -> [LoadResult] {
        let target = target
        let serial = await target.loop(1).run(scenario: "2 detail", name: "zaak detail, 14 calls") { _, iteration in
            try await Self.fourteenCalls(target, zaak: target.zaken[iteration % target.zaken.count])
        }
        let one = await target.loop(1).run(scenario: "2 detail", name: "zaak detail, 1 call (expand)") { _, iteration in
            try await target.client.send(.GET, target.zaken[iteration % target.zaken.count] + "?expand=" + Self.expand, token: target.superuser).isSuccess
        }
        return [serial, one]
    }

    static func fourteenCalls(_ target: Target, zaak: String) async throws -> Bool {
        let client = target.client, token = target.superuser, base = target.base
        func get(_ url: String) async throws -> LoadClient.Response {
            let response = try await client.send(.GET, url, token: token)
            guard response.isSuccess else { throw LoadError("GET \(url): \(response.status)") }
            return response
        }
        let zaakJSON = try await get(zaak).json()
        let encoded = Target.encoded(zaak)
        guard let zaaktype = zaakJSON["zaaktype"] as? String, let resultaat = zaakJSON["resultaat"] as? String else { return false }
        _ = try await get("\(base)/zaken/api/v1/statussen?zaak=\(encoded)")
        let resultaatJSON = try await get(resultaat).json()
        _ = try await get("\(base)/zaken/api/v1/rollen?zaak=\(encoded)")
        _ = try await get("\(base)/zaken/api/v1/zaakobjecten?zaak=\(encoded)")
        _ = try await get(zaaktype)
        _ = try await get("\(base)/catalogi/api/v1/statustypen?zaaktype=\(Target.encoded(zaaktype))")
        _ = try await get("\(base)/catalogi/api/v1/besluittypen?zaaktypen=\(Target.encoded(zaaktype))")
        _ = try await get(resultaatJSON["resultaattype"] as? String ?? "")
        let links = try await get("\(base)/documenten/api/v1/objectinformatieobjecten?object=\(encoded)").jsonArray()
        guard let document = links.first?["informatieobject"] as? String else { return false }
        for _ in 0..<3 { _ = try await get(document) }
        _ = try await get("\(base)/besluiten/api/v1/besluiten?zaak=\(encoded)")
        return true
    }
}
