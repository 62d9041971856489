import ContentStore
import Domain
import EventStore
import Foundation
import Hummingbird
import PostgresNIO
import Projections
import ZGWHTTP

/// The writes of the Documenten API (`/documenten/api/v1`), answering with the resource as the read model
/// serves it.
public struct DocumentenCommandController: Sendable {
    let commands: DocumentCommands
    let client: PostgresClient
    let baseURL: String
    let contents: any ContentStore

    public init(store: EventStore, baseURL: String, contents: any ContentStore, chunkSize: Int64, outbound: OutboundCalls) {
        self.commands = DocumentCommands(store: store, baseURL: baseURL, contents: contents, chunkSize: chunkSize, outbound: outbound)
        self.client = store.client
        self.baseURL = baseURL
        self.contents = contents
    }

    static let update = ScopeRequirement.anyOf(["documenten.bijwerken", "documenten.geforceerd-bijwerken"])

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.post("enkelvoudiginformatieobjecten") { request, context in try await self.createDocument(request, context: context) }
        group.put("enkelvoudiginformatieobjecten/:uuid") { request, context in try await self.updateDocument(request, context: context, partial: false) }
        group.patch("enkelvoudiginformatieobjecten/:uuid") { request, context in try await self.updateDocument(request, context: context, partial: true) }
        group.delete("enkelvoudiginformatieobjecten/:uuid") { request, context in try await self.deleteDocument(request, context: context) }
        group.post("enkelvoudiginformatieobjecten/:uuid/lock") { request, context in try await self.lock(request, context: context) }
        group.post("enkelvoudiginformatieobjecten/:uuid/unlock") { request, context in try await self.unlock(request, context: context) }
        group.put("bestandsdelen/:uuid") { request, context in try await self.uploadPart(request, context: context) }
        for kind in [DocumentResource.gebruiksrechten, .objectinformatieobject, .verzending] {
            group.post(RouterPath(kind.collection)) { request, context in try await self.create(kind, request, context: context) }
            group.delete(RouterPath("\(kind.collection)/:uuid")) { request, context in try await self.delete(kind, request, context: context) }
            guard kind != .objectinformatieobject else { continue }
            group.put(RouterPath("\(kind.collection)/:uuid")) { request, context in try await self.update(kind, request, context: context, partial: false) }
            group.patch(RouterPath("\(kind.collection)/:uuid")) { request, context in try await self.update(kind, request, context: context, partial: true) }
        }
    }

    func authorisation(_ context: ZGWRequestContext) async throws -> TypeAuthorisation {
        try await TypeAuthorisation.resolve(
            client: try context.requireClient(), component: .drc, baseURL: baseURL, database: client, logger: commands.repository.store.logger)
    }

    // MARK: - Informatieobjecten

    func createDocument(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("documenten.aanmaken"), component: .drc)
        let body = try await DocumentBodyReader.read(request, context: context, contents: contents)
        return try await CommandSupport.translating {
            let (uuid, lock) = try await commands.createDocument(
                body.fields, inhoud: body.inhoud, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "create"))
            var json = try await representation(.enkelvoudiginformatieobject, uuid)
            if let lock { json = JSONValue.object(JSONValue.decodeObject(json).merging(["lock": .string(lock)]) { $1 }).jsonText }
            let location = ResourceURL.absolute(DocumentResource.enkelvoudiginformatieobject.url(uuid), baseURL: baseURL)
            return JSONResponse.created(ResourceURL.render(json, baseURL: baseURL), location: location)
        }
    }

    func updateDocument(_ request: Request, context: ZGWRequestContext, partial: Bool) async throws -> Response {
        try context.requireScopes(Self.update, component: .drc)
        let uuid = try CommandSupport.uuid(context)
        let body = try await DocumentBodyReader.read(request, context: context, contents: contents)
        return try await CommandSupport.translating {
            guard try await commands.updateDocument(
                uuid, body: body.fields, inhoud: body.inhoud, partial: partial, authorisation: try await authorisation(context),
                metadata: context.eventMetadata(request, actie: partial ? "partial_update" : "update"))
            else { throw ZGWError.notFound() }
            return JSONResponse.make(ResourceURL.render(try await representation(.enkelvoudiginformatieobject, uuid), baseURL: baseURL))
        }
    }

    func deleteDocument(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("documenten.verwijderen"), component: .drc)
        let uuid = try CommandSupport.uuid(context)
        return try await CommandSupport.translating {
            guard try await commands.deleteDocument(uuid, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "destroy")) else {
                throw ZGWError.notFound()
            }
            return Response(status: .noContent)
        }
    }

    func lock(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("documenten.lock"), component: .drc)
        let uuid = try CommandSupport.uuid(context)
        return try await CommandSupport.translating {
            guard let lock = try await commands.lock(uuid, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "lock")) else {
                throw ZGWError.notFound()
            }
            return JSONResponse.make(JSONValue.object(["lock": .string(lock)]).jsonText)
        }
    }

    func unlock(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.anyOf(["documenten.lock", "documenten.geforceerd-unlock"]), component: .drc)
        let uuid = try CommandSupport.uuid(context)
        // The body is optional (a forced unlock needs no lock id).
        let bytes = try await request.body.collect(upTo: context.maxUploadSize)
        var lock = ""
        if bytes.readableBytes > 0 {
            guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: bytes)) else {
                throw ZGWError.validation([FieldError(name: "nonFieldErrors", code: "parse_error", reason: "De body is geen geldig JSON-object.")])
            }
            switch object["lock"] {
            case .string(let text)?: lock = text
            case nil, .null?: break
            default: throw ZGWError.validation([FieldError(name: "lock", code: "invalid", reason: "Geen geldige string.")])
            }
        }
        return try await CommandSupport.translating {
            guard try await commands.unlock(uuid, lock: lock, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "unlock")) else {
                throw ZGWError.notFound()
            }
            return Response(status: .noContent)
        }
    }

    func uploadPart(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("documenten.bijwerken"), component: .drc)
        let uuid = try CommandSupport.uuid(context)
        let (lock, content) = try await BestandsdeelBodyReader.read(request, contents: contents)
        return try await CommandSupport.translating {
            guard let part = try await commands.upload(
                part: uuid, lock: lock, content: content, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "update"))
            else { throw ZGWError.notFound() }
            let json = JSONValue.object([
                "url": .string(DocumentResource.bestandsdeel.url(part.uuid)), "volgnummer": .number(Double(part.volgnummer)),
                "omvang": .number(Double(part.omvang)), "voltooid": .bool(true), "lock": .string(lock),
            ]).jsonText
            return JSONResponse.make(ResourceURL.render(json, baseURL: baseURL))
        }
    }

    // MARK: - Resources under a document

    func create(_ kind: DocumentResource, _ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("documenten.aanmaken"), component: .drc)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            let uuid = try await commands.create(kind, body: body.fields, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "create"))
            let location = ResourceURL.absolute(kind.url(uuid), baseURL: baseURL)
            return JSONResponse.created(ResourceURL.render(try await representation(kind, uuid), baseURL: baseURL), location: location)
        }
    }

    func update(_ kind: DocumentResource, _ request: Request, context: ZGWRequestContext, partial: Bool) async throws -> Response {
        try context.requireScopes(.scope("documenten.bijwerken"), component: .drc)
        let uuid = try CommandSupport.uuid(context)
        let body = try await JSONBody.parse(request, context: context)
        return try await CommandSupport.translating {
            guard try await commands.update(
                kind, uuid: uuid, body: body.fields, partial: partial, authorisation: try await authorisation(context),
                metadata: context.eventMetadata(request, actie: partial ? "partial_update" : "update"))
            else { throw ZGWError.notFound() }
            return JSONResponse.make(ResourceURL.render(try await representation(kind, uuid), baseURL: baseURL))
        }
    }

    func delete(_ kind: DocumentResource, _ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("documenten.verwijderen"), component: .drc)
        let uuid = try CommandSupport.uuid(context)
        return try await CommandSupport.translating {
            guard try await commands.delete(kind, uuid: uuid, authorisation: try await authorisation(context), metadata: context.eventMetadata(request, actie: "destroy")) else {
                throw ZGWError.notFound()
            }
            return Response(status: .noContent)
        }
    }

    /// The stored JSON of a resource, from its read model.
    func representation(_ kind: DocumentResource, _ uuid: UUID) async throws -> String {
        let table = kind == .enkelvoudiginformatieobject ? "documenten.informatieobjecten" : "documenten.resources"
        return try await StoredRepresentation.of(uuid, in: table, client: client) ?? "{}"
    }
}
