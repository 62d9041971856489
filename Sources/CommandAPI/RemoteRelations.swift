import AsyncHTTPClient
import Domain
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The mirrored relations of the standard when the other side is another ZGW API: the zaakbesluit of a
/// besluit (brc-006) in an external Zaken API, the objectinformatieobject of a ZIO or BIO (zrc-005, brc-005)
/// in an external Documenten API. Called after our side committed (the other API checks that our relation
/// exists, drc-002), never inside a transaction; a failure to create is reported as a 400
/// (`remote-relation-failed`) and the caller undoes its own side.
struct RemoteRelations: Sendable {
    let outbound: OutboundCalls
    let timeout: TimeAmount

    init(outbound: OutboundCalls, timeout: TimeAmount = .seconds(10)) {
        self.outbound = outbound
        self.timeout = timeout
    }

    static func failure(_ what: String, _ detail: String) -> ValidationErrors {
        ValidationErrors([FieldError(name: "nonFieldErrors", code: "remote-relation-failed", reason: "\(what) in de externe API mislukte: \(detail)")])
    }

    /// `POST {zaak}/besluiten {besluit}`.
    func createZaakbesluit(zaak: String, besluit: String) async throws {
        let (status, body) = try await send(.POST, zaak + "/besluiten", body: JSONValue.object(["besluit": .string(besluit)]).jsonText)
        guard status == .created else { throw Self.failure("Het aanmaken van het zaakbesluit", "HTTP \(status.code) \(body.prefix(300))") }
    }

    /// Removes the zaakbesluit(en) of `besluit` under `zaak` (best effort: logged when it fails).
    func deleteZaakbesluit(zaak: String, besluit: String, logger: Logger) async {
        do {
            let (_, body) = try await send(.GET, zaak + "/besluiten")
            let items = (try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)))?.array ?? []
            for item in items where item.object?["besluit"]?.text == besluit {
                if let url = item.object?["url"]?.text { _ = try await send(.DELETE, url) }
            }
        } catch {
            logger.warning("could not remove the external zaakbesluit", metadata: ["zaak": "\(zaak)", "error": "\(error)"])
        }
    }

    /// The "object" relation another API keeps of one of our objects: documents' objectinformatieobjecten
    /// (zrc-005, brc-005), contactmomenten's objectcontactmomenten (zrc-025), verzoeken's objectverzoeken (zrc-024).
    enum Kind: String, Sendable {
        case informatieobject, contactmoment, verzoek

        /// The collection of the resource in its API, and the collection of the relations there.
        var collections: (resource: String, relations: String) {
            switch self {
            case .informatieobject: ("enkelvoudiginformatieobjecten", "objectinformatieobjecten")
            case .contactmoment: ("contactmomenten", "objectcontactmomenten")
            case .verzoek: ("verzoeken", "objectverzoeken")
            }
        }
    }

    /// `POST {root}/object<kind>en {<kind>, object, objectType}`.
    func createObjectRelation(_ kind: Kind, resource: String, object: String, objectType: String) async throws {
        let what = "Het aanmaken van de relatie in de \(kind.collections.relations)"
        guard let root = Self.root(of: resource, collection: kind.collections.resource) else { throw Self.failure(what, "geen geldige URL") }
        let json = JSONValue.object([kind.rawValue: .string(resource), "object": .string(object), "objectType": .string(objectType)]).jsonText
        let (status, body) = try await send(.POST, root + "/" + kind.collections.relations, body: json)
        guard status == .created else { throw Self.failure(what, "HTTP \(status.code) \(body.prefix(300))") }
    }

    /// Removes the relations of `object` with `resource` there (best effort: logged when it fails).
    func deleteObjectRelation(_ kind: Kind, resource: String, object: String, logger: Logger) async {
        guard let root = Self.root(of: resource, collection: kind.collections.resource),
            var components = URLComponents(string: root + "/" + kind.collections.relations)
        else { return }
        components.queryItems = [URLQueryItem(name: "object", value: object), URLQueryItem(name: kind.rawValue, value: resource)]
        do {
            let (_, body) = try await send(.GET, components.url?.absoluteString ?? "")
            let answer = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))
            for item in answer?.array ?? answer?.object?["results"]?.array ?? [] {
                if let url = item.object?["url"]?.text { _ = try await send(.DELETE, url) }
            }
        } catch {
            logger.warning("could not remove the external relation", metadata: ["resource": "\(resource)", "error": "\(error)"])
        }
    }

    func createObjectInformatieObject(document: String, object: String, objectType: String) async throws {
        try await createObjectRelation(.informatieobject, resource: document, object: object, objectType: objectType)
    }

    func deleteObjectInformatieObject(document: String, object: String, logger: Logger) async {
        await deleteObjectRelation(.informatieobject, resource: document, object: object, logger: logger)
    }

    /// `…/api/v1/<collection>/{uuid}` → `…/api/v1`.
    static func root(of resource: String, collection: String) -> String? {
        guard let range = resource.range(of: "/\(collection)/", options: .backwards) else { return nil }
        return String(resource[..<range.lowerBound])
    }

    func send(_ method: HTTPMethod, _ url: String, body: String? = nil) async throws -> (HTTPResponseStatus, String) {
        if let refusal = outbound.outboundGuard.refusalForResource(url) { throw Self.failure("Een aanroep", refusal.reason) }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Accept-Crs", value: "EPSG:4326")
        if let authorization = outbound.services.authorization(for: url) { request.headers.add(name: "Authorization", value: authorization) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Content-Crs", value: "EPSG:4326")
            request.body = .bytes(ByteBuffer(string: body))
        }
        do {
            let response = try await OutboundCalls.client.execute(request, timeout: timeout)
            let bytes = try await response.body.collect(upTo: 1 << 20)
            return (response.status, String(buffer: bytes))
        } catch let error as ValidationErrors {
            throw error
        } catch {
            throw Self.failure("Een aanroep", "\(error)")
        }
    }
}
