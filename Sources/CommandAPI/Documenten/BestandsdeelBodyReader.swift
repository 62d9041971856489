import ContentStore
import Domain
import Foundation
import Hummingbird
import ZGWHTTP

/// Reads `PUT /bestandsdelen/{uuid}` as it streams in: multipart/form-data whose `inhoud` part goes into the
/// content store chunk by chunk, and whose `lock` part (small) is kept.
enum BestandsdeelBodyReader {
    static let maxLockBytes = 1024

    static func read(_ request: Request, contents: any ContentStore) async throws -> (lock: String, content: StoredContent) {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data"), let boundary = MultipartStreamParser.boundary(fromContentType: contentType) else {
            throw ZGWError.unsupportedMediaType("Niet-ondersteund mediatype \"\(contentType)\" in verzoek; gebruik multipart/form-data.")
        }
        var parser = MultipartStreamParser(boundary: boundary)
        let writer = try await contents.makeWriter()
        let collected = PartCollector()
        do {
            for try await chunk in request.body {
                try await parser.feed(chunk) { event in try await collected.handle(event, writer: writer) }
            }
            try parser.finish()
        } catch let error as MultipartError {
            await writer.abort()
            throw ZGWError.validation([FieldError(name: "nonFieldErrors", code: "parse_error", reason: "Ongeldige multipart body: \(error).")])
        } catch {
            await writer.abort()
            throw error
        }
        guard await collected.sawInhoud else {
            await writer.abort()
            throw ZGWError.validation([FieldError(name: "inhoud", code: "required", reason: "Er is geen bestand opgestuurd.")])
        }
        return (await collected.lock, try await writer.finish())
    }

    /// Routes the parts' bytes: `inhoud` to the content writer, `lock` into a small buffer, others nowhere.
    actor PartCollector {
        var current: String?
        var sawInhoud = false
        var lockBytes: [UInt8] = []
        var lock: String { String(decoding: lockBytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }

        func handle(_ event: MultipartEvent, writer: any ContentWriter) async throws {
            switch event {
            case .partBegin(let name, _, _):
                current = name
                if name == "inhoud" { sawInhoud = true }
            case .partData(let bytes):
                if current == "inhoud" {
                    try await writer.write(bytes)
                } else if current == "lock" {
                    guard lockBytes.count + bytes.readableBytes <= BestandsdeelBodyReader.maxLockBytes else {
                        throw ZGWError.validation([FieldError(name: "lock", code: "max_length", reason: "Het lock id is te lang.")])
                    }
                    lockBytes += Array(buffer: bytes)
                }
            case .partEnd:
                current = nil
            }
        }
    }
}
