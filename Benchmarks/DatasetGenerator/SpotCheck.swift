import BenchmarkSupport
import Domain

/// After the rebuild, the API must serve the generated data: the list counts every zaak, and a cloned zaak
/// (last page) answers with its expand, its document and its besluiten.
struct SpotCheck {
    let api: BenchmarkClient

    func run(zaken: Int, besluiten: Int) async throws {
        let first = try await api.get("/zaken/api/v1/zaken")
        guard case .number(let count)? = first["count"], Int(count) == zaken else {
            throw GeneratorError("GET /zaken counts \(String(describing: first["count"])), expected \(zaken)")
        }
        let besluitenList = try await api.get("/besluiten/api/v1/besluiten")
        guard case .number(let besluitCount)? = besluitenList["count"], Int(besluitCount) == besluiten else {
            throw GeneratorError("GET /besluiten counts \(String(describing: besluitenList["count"])), expected \(besluiten)")
        }
        for page in [1, max(1, (zaken + 99) / 100)] {
            guard case .array(let results)? = try await api.get("/zaken/api/v1/zaken?page=\(page)")["results"], case .object(let zaak)? = results.first,
                case .string(let url)? = zaak["url"]
            else { throw GeneratorError("page \(page) of GET /zaken has no zaken") }
            let expanded = try await api.get(url + "?expand=zaaktype,status.statustype,resultaat.resultaattype,rollen.roltype,eigenschappen.eigenschap,zaakobjecten,zaakinformatieobjecten")
            guard case .object(let expand)? = expanded["_expand"], expand.count >= 7 else {
                throw GeneratorError("\(url)?expand=… answered without its expansions: \(expanded)")
            }
            guard case .array(let links)? = expanded["zaakinformatieobjecten"], case .string(let link)? = links.first,
                case .string(let document)? = try await api.get(link)["informatieobject"]
            else { throw GeneratorError("\(url) has no zaakinformatieobject") }
            _ = try await api.get(document)
        }
    }
}
