import Domain
import Hummingbird

/// Serves an API's OpenAPI document where clients configured for Open Zaak load it, without a token (as Open Zaak):
/// `{root}/schema/openapi.yaml` (also with `?v=3`; `?format=json` gives JSON), `{root}/schema/openapi.json`,
/// `{root}/openapi.yaml`, `{root}/openapi.json`, and a page listing the operations at `{root}/schema/`.
public struct SchemaDocumentController: Sendable {
    let document: OpenAPIDocument
    let yaml: ByteBuffer
    let json: ByteBuffer
    let page: ByteBuffer

    public init(document: OpenAPIDocument) {
        self.document = document
        yaml = ByteBuffer(string: document.root.yaml)
        json = ByteBuffer(string: document.root.json)
        page = ByteBuffer(string: OperationsPage(document: document).html)
    }

    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        let root = document.api.root
        for path in ["schema/openapi.yaml", "openapi.yaml"] {
            router.get(RouterPath("\(root)/\(path)")) { request, _ in
                request.uri.queryParameters["format"] == "json" ? self.jsonResponse() : self.yamlResponse()
            }
        }
        for path in ["schema/openapi.json", "openapi.json"] {
            router.get(RouterPath("\(root)/\(path)")) { _, _ in self.jsonResponse() }
        }
        router.get(RouterPath("\(root)/schema")) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: self.page))
        }
    }

    func yamlResponse() -> Response {
        Response(status: .ok, headers: [.contentType: "application/vnd.oai.openapi; charset=utf-8"], body: .init(byteBuffer: yaml))
    }

    func jsonResponse() -> Response {
        Response(status: .ok, headers: [.contentType: "application/vnd.oai.openapi+json"], body: .init(byteBuffer: json))
    }
}
