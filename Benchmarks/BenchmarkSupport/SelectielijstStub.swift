import Hummingbird
import NIOCore

/// The three Selectielijst resources a resultaattype's checks fetch, as the VNG Selectielijst API shapes them
/// (one row each of its 2020 data), so the catalogi can be made through the API without the internet.
public enum SelectielijstStub {
    public static let procestype = "e1b73b12-b2f6-4c4e-8929-94f84dd2a57d"
    public static let resultaat = "6711baff-798b-4c7f-9133-8ad02c8b7c6f"
    public static let omschrijving = "fb65d251-1518-4185-865f-b8bdcfad07b1"

    /// Runs `body` with the stub's base URL (`http://127.0.0.1:<port>/api/v1`).
    public static func run<Result: Sendable>(_ body: (String) async throws -> Result) async throws -> Result {
        let router = Router()
        router.get("/api/v1/procestypen/:uuid") { request, _ in
            json(#"{"url": "\#(base(request))/procestypen/\#(procestype)", "nummer": 1, "jaar": 2020, "naam": "Instellen en inrichten organisatie", "omschrijving": "Instellen en inrichten organisatie", "toelichting": "", "procesobject": "De vastgestelde organisatie inrichting"}"#)
        }
        router.get("/api/v1/resultaten/:uuid") { request, _ in
            json(#"{"url": "\#(base(request))/resultaten/\#(resultaat)", "procesType": "\#(base(request))/procestypen/\#(procestype)", "nummer": 1, "naam": "Ingericht", "waardering": "vernietigen", "procestermijn": "nihil", "bewaartermijn": "P10Y"}"#)
        }
        router.get("/api/v1/resultaattypeomschrijvingen/:uuid") { request, _ in
            json(#"{"url": "\#(base(request))/resultaattypeomschrijvingen/\#(omschrijving)", "omschrijving": "Toegekend", "definitie": "Dit is testdata"}"#)
        }
        return try await LocalHTTPServer.run(router) { port in try await body("http://127.0.0.1:\(port)/api/v1") }
    }

    static func base(_ request: Request) -> String { "http://\(request.head.authority ?? "")/api/v1" }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
