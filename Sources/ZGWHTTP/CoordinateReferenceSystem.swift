import HTTPTypes
import Hummingbird

/// The CRS headers of the Zaken API's geo-enabled operations; only `EPSG:4326` (WGS84) is supported. As the spec
/// Open Zaak serves (zaken-1.5.1) declares them: `Accept-Crs` is optional and means EPSG:4326 when missing,
/// `Content-Crs` is required with a body (missing → 412); another CRS in either → 406. (VNG's text and Open
/// Zaak 1.30 itself still require `Accept-Crs`; clients driven by the served spec do not send it.)
public enum CoordinateReferenceSystem {
    public static let supported = "EPSG:4326"
    static let acceptCrs = HTTPField.Name("Accept-Crs")!
    static let contentCrs = HTTPField.Name("Content-Crs")!

    /// Checks the headers of a request to a geo-enabled operation.
    public static func check(_ request: Request, hasBody: Bool) throws(ZGWError) {
        // The exact value first: Foundation's trimming took about 1 % of a `GET zaak`'s CPU.
        if let accept = request.headers[acceptCrs], accept != supported, accept.trimmingCharacters(in: .whitespaces) != supported {
            throw notAcceptable("CRS \(accept) wordt niet ondersteund; gebruik \(supported).")
        }
        guard hasBody else { return }
        guard let content = request.headers[contentCrs] else { throw missing("Content-Crs") }
        if content != supported, content.trimmingCharacters(in: .whitespaces) != supported {
            throw notAcceptable("CRS \(content) wordt niet ondersteund; gebruik \(supported).")
        }
    }

    static func missing(_ header: String) -> ZGWError {
        ZGWError(
            status: .preconditionFailed, code: "precondition_failed", title: "Precondition failed.",
            detail: "'\(header)' header ontbreekt", exceptionName: "PreconditionFailed")
    }

    static func notAcceptable(_ detail: String) -> ZGWError {
        ZGWError(status: .notAcceptable, code: "not_acceptable", title: "Kan niet voldoen aan de opgegeven Accept header.", detail: detail, exceptionName: "NotAcceptable")
    }

    /// The response header of geo-enabled operations.
    public static func tagged(_ response: Response) -> Response {
        var response = response
        response.headers[contentCrs] = supported
        return response
    }
}
