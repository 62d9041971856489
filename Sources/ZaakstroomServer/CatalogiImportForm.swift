import CatalogiExchange
import ContentStore
import Domain
import Foundation
import Hummingbird
import NIOCore
import ZGWHTTP

/// The multipart body of `POST /catalogi/api/v1/x-import`: the ZIP in `file`, and the import's options as
/// fields named like the command's flags (`catalogus`, `newUuids`, `identificatiePrefix`, `dryRun`, `publish`,
/// and `mapInformatieobjecttype` / `mapBesluittype` as `OLD=EXISTING`, repeatable).
struct CatalogiImportForm {
    var file = Data()
    var options = CatalogiImportOptions()

    static func read(_ request: Request) async throws -> CatalogiImportForm {
        guard let contentType = request.headers[.contentType], let boundary = MultipartStreamParser.boundary(fromContentType: contentType) else {
            throw ZGWError.unsupportedMediaType("Gebruik multipart/form-data met het exportbestand in het veld file.")
        }
        var parser = MultipartStreamParser(boundary: boundary)
        var parts: [(name: String, data: Data)] = []
        var received = 0
        do {
            for try await chunk in request.body {
                received += chunk.readableBytes
                guard received <= CatalogiExchangeController.maxFileSize else {
                    throw ZGWError.validation([FieldError(name: "file", code: "max_size", reason: "Het bestand is groter dan 64 MiB.")])
                }
                try await parser.feed(chunk) { event in
                    switch event {
                    case .partBegin(let name, _, _): parts.append((name, Data()))
                    case .partData(let bytes): parts[parts.count - 1].data.append(contentsOf: bytes.readableBytesView)
                    case .partEnd: break
                    }
                }
            }
            try parser.finish()
        } catch let error as MultipartError {
            throw ZGWError.validation([FieldError(name: "nonFieldErrors", code: "parse_error", reason: error.description)])
        }
        var form = CatalogiImportForm()
        var hasFile = false
        for (name, data) in parts {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            switch name {
            case "file":
                form.file = data
                hasFile = true
            case "catalogus": form.options.catalogus = text.isEmpty ? nil : text
            case "newUuids": form.options.newUUIDs = try flag(text, name)
            case "identificatiePrefix": form.options.identificatiePrefix = text.isEmpty ? nil : text
            case "dryRun": form.options.dryRun = try flag(text, name)
            case "publish": form.options.publish = try flag(text, name)
            case "mapInformatieobjecttype", "mapBesluittype":
                guard let (old, existing) = CatalogiImportOptions.mapping(text) else {
                    throw ZGWError.validation([FieldError(name: name, code: "invalid", reason: "Verwacht OUD=BESTAAND.")])
                }
                if name == "mapBesluittype" { form.options.besluittypeMappings[old] = existing } else { form.options.informatieobjecttypeMappings[old] = existing }
            default:
                throw ZGWError.validation([FieldError(name: name, code: "unknown-field", reason: "Onbekend veld.")])
            }
        }
        guard hasFile else { throw ZGWError.validation([.required("file")]) }
        return form
    }

    private static func flag(_ text: String, _ name: String) throws -> Bool {
        switch text.lowercased() {
        case "true", "1", "on", "yes": return true
        case "false", "0", "off", "no", "": return false
        default: throw ZGWError.validation([FieldError(name: name, code: "invalid", reason: "Verwacht true of false.")])
        }
    }
}
