import CatalogiExchange
import CommandAPI
import ContentStore
import Domain
import EventStore
import Foundation
import Hummingbird
import NIOCore
import ZGWHTTP

/// The Catalogi API's extensions for Open Zaak's export files (the hooks of the Beheer UI):
/// `POST /catalogi/api/v1/x-import` (multipart: `file`, and the options as fields; `catalogi.schrijven`)
/// answers the import's report: 201 when imported, 200 for a dry run, 400 with every refusal otherwise.
/// `GET /catalogi/api/v1/catalogussen/{uuid}/x-export[?zaaktype=<uuid|url>]` answers the ZIP (`catalogi.lezen`).
struct CatalogiExchangeController: Sendable {
    let store: EventStore
    let commands: CatalogiCommandSet
    let baseURL: String
    /// The largest upload taken, bytes.
    static let maxFileSize = 64 << 20

    func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.post("x-import") { request, context in try await self.importFile(request, context: context) }
        group.get("catalogussen/:uuid/x-export") { request, context in try await self.export(request, context: context) }
    }

    func export(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireCatalogiRead()
        guard let catalogus = context.parameters.get("uuid").flatMap(UUID.init(uuidString:)) else { throw ZGWError.notFound() }
        let query = QueryParameters(request)
        try query.requireOnly(["zaaktype"])
        var scope = CatalogiExporter.Scope.catalogus(catalogus)
        if let zaaktype = query.string("zaaktype") {
            guard let uuid = UUID(uuidString: zaaktype) ?? ResourceReference(baseURL: baseURL).uuid(from: zaaktype, api: .catalogi, collection: "zaaktypen")
            else { throw ZGWError.validation([FieldError(name: "zaaktype", code: "invalid", reason: "Geen geldige zaaktype-uuid of -URL.")]) }
            guard try await zaaktypeBelongs(uuid, to: catalogus) else { throw ZGWError.notFound() }
            scope = .zaaktype(uuid)
        }
        do {
            let data = try await CatalogiExporter(client: store.client, baseURL: baseURL).zipData(scope)
            return Response(
                status: .ok,
                headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"catalogus-\(catalogus.uuidString.lowercased()).zip\""],
                body: .init(byteBuffer: ByteBuffer(data: data)))
        } catch is CatalogiExporter.Failure {
            throw ZGWError.notFound()
        }
    }

    private func zaaktypeBelongs(_ zaaktype: UUID, to catalogus: UUID) async throws -> Bool {
        try await !store.client.query("SELECT 1 FROM catalogi.zaaktypen WHERE uuid = \(zaaktype) AND catalogus = \(catalogus)").collect().isEmpty
    }

    func importFile(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope("catalogi.schrijven"), component: .ztc)
        let form = try await CatalogiImportForm.read(request)
        let archive: CatalogiArchive
        do {
            archive = try CatalogiArchive.read(form.file)
        } catch {
            throw ZGWError.validation([FieldError(name: "file", code: error.code, reason: error.description)])
        }
        let report: CatalogiImportReport
        do {
            report = try await CatalogiImporter(store: store, commands: commands, baseURL: baseURL)
                .run(archive, options: form.options, metadata: context.eventMetadata(request, actie: "create"))
        } catch let error as CatalogiImportError {
            throw ZGWError.validation([FieldError(name: "nonFieldErrors", code: "invalid-option", reason: error.description)])
        }
        if !report.refused.isEmpty, !report.dryRun {
            throw ZGWError.validation(report.refused.map {
                FieldError(name: "\($0.resource).\($0.label).\($0.field)", code: $0.code, reason: "\($0.source): \($0.reason)")
            }, detail: "Het bestand is niet geïmporteerd: \(report.refused.count) weigering(en).")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        return JSONResponse.make(json, status: report.imported ? .created : .ok)
    }
}
