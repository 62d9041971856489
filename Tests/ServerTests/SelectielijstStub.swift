import Domain
import Foundation
import Hummingbird
import NIOCore
import SpecConformance

/// A local stand-in for the VNG Selectielijst API, serving the reference data in `../shared/data/selectielijst/`
/// (Django fixtures) on 127.0.0.1, as the real API shapes it. `procestypen/<brokenUUID>` answers an object that
/// is not a procestype.
enum SelectielijstStub {
    static let brokenUUID = UUID(uuidString: "00000000-0000-4000-8000-000000000bad")!

    /// The first procestype of the fixture.
    static var knownProcestype: UUID {
        get throws { try UUID(uuidString: fixture("selectielijst_2020_procestypen.json")[0]["uuid"] as? String ?? "")! }
    }

    /// A resultaat (selectielijstklasse) of the fixture matching `condition`, with its procestype's uuid.
    static func resultaat(where condition: ([String: Any]) -> Bool) throws -> (uuid: String, procestype: String) {
        let procestypen = try fixture("selectielijst_2020_procestypen.json")
        let row = try fixture("selectielijst_2020_resultaten.json").first(where: condition)!
        return (row["uuid"] as! String, procestypen[(row["proces_type"] as! Int) - 1]["uuid"] as! String)
    }

    static var resultaattypeomschrijving: String {
        get throws { try fixture("resultaattypeomschrijvingen.json")[0]["uuid"] as! String }
    }

    static func fixture(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: OpenAPISpec.sharedFolder.appendingPathComponent("data/selectielijst/\(name)"))
        let rows = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        return rows.compactMap { $0["fields"] as? [String: Any] }
    }

    /// Runs `body` with the stub's base URL (`http://127.0.0.1:<port>/api/v1`).
    static func run<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        // Procestypen as the API shapes them, less their url (which needs the port).
        var byUUID: [String: [String: JSONValue]] = [:]
        for procestype in try fixture("selectielijst_2020_procestypen.json") {
            guard let uuid = procestype["uuid"] as? String else { continue }
            byUUID[uuid] = [
                "nummer": .number(Double(procestype["nummer"] as? Int ?? 0)), "jaar": .number(2020),
                "naam": .string(procestype["naam"] as? String ?? ""), "omschrijving": .string(procestype["omschrijving"] as? String ?? ""),
                "toelichting": .string(procestype["toelichting"] as? String ?? ""), "procesobject": .string(procestype["procesobject"] as? String ?? ""),
            ]
        }
        let procestypen = byUUID
        // Resultaten (selectielijstklassen) with their procestype's uuid; resultaattypeomschrijvingen.
        let procestypeRows = try fixture("selectielijst_2020_procestypen.json")
        var resultaten: [String: [String: JSONValue]] = [:]
        for resultaat in try fixture("selectielijst_2020_resultaten.json") {
            guard let uuid = resultaat["uuid"] as? String, let pk = resultaat["proces_type"] as? Int, pk >= 1, pk <= procestypeRows.count,
                let procestype = procestypeRows[pk - 1]["uuid"] as? String
            else { continue }
            resultaten[uuid] = [
                "procesType": .string(procestype), "nummer": .number(Double(resultaat["nummer"] as? Int ?? 0)),
                "naam": .string(resultaat["naam"] as? String ?? ""), "herkomst": .string(resultaat["herkomst"] as? String ?? ""), "waardering": .string(resultaat["waardering"] as? String ?? ""),
                "procestermijn": .string(resultaat["procestermijn"] as? String ?? ""), "bewaartermijn": .string(resultaat["bewaartermijn"] as? String ?? ""),
            ]
        }
        let klassen = resultaten
        var omschrijvingen: [String: [String: JSONValue]] = [:]
        for omschrijving in try fixture("resultaattypeomschrijvingen.json") {
            guard let uuid = omschrijving["uuid"] as? String else { continue }
            omschrijvingen[uuid] = ["omschrijving": .string(omschrijving["omschrijving"] as? String ?? ""), "definitie": .string(omschrijving["definitie"] as? String ?? "")]
        }
        let generiek = omschrijvingen
        let router = Router()
        router.get("/api/v1/resultaten/:uuid") { request, context -> Response in
            guard var body = klassen[context.parameters.get("uuid") ?? ""] else { return Response(status: .notFound) }
            let base = "http://\(request.head.authority ?? "")/api/v1"
            body["url"] = .string(base + "/resultaten/" + (context.parameters.get("uuid") ?? ""))
            if case .string(let procestype)? = body["procesType"] { body["procesType"] = .string("\(base)/procestypen/\(procestype)") }
            return json(String(decoding: try JSONEncoder().encode(body), as: UTF8.self))
        }
        router.get("/api/v1/resultaattypeomschrijvingen/:uuid") { request, context -> Response in
            guard var body = generiek[context.parameters.get("uuid") ?? ""] else { return Response(status: .notFound) }
            body["url"] = .string("http://\(request.head.authority ?? "")\(request.uri.path)")
            return json(String(decoding: try JSONEncoder().encode(body), as: UTF8.self))
        }
        router.get("/api/v1/procestypen/:uuid") { request, context -> Response in
            let uuid = context.parameters.get("uuid") ?? ""
            if uuid == brokenUUID.uuidString.lowercased() { return json(#"{"detail": "geen procestype"}"#) }
            guard var body = procestypen[uuid] else { return Response(status: .notFound) }
            body["url"] = .string("http://\(request.head.authority ?? "")\(request.uri.path)")
            return json(String(decoding: try JSONEncoder().encode(body), as: UTF8.self))
        }
        return try await withLocalServer(router) { port in try await body("http://127.0.0.1:\(port)/api/v1") }
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
