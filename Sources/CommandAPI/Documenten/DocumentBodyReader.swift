import ContentStore
import Domain
import Foundation
import Hummingbird
import ZGWHTTP

/// Reads the JSON body of an informatieobject write as it streams in: the base64 `inhoud` is decoded into the
/// content store chunk by chunk (`JSONInhoudExtractor`), the rest of the body (small) is parsed as usual. So a
/// document of any size passes through in bounded memory.
enum DocumentBodyReader {
    /// The JSON around `inhoud` may be this large.
    static let maxJSONBytes = 4 << 20

    static func read(_ request: Request, context: ZGWRequestContext, contents: any ContentStore) async throws -> (fields: [String: JSONValue], inhoud: DocumentInhoud) {
        let contentType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard contentType == "application/json" else {
            throw ZGWError.unsupportedMediaType("Niet-ondersteund mediatype \"\(contentType ?? "")\" in verzoek; gebruik application/json.")
        }
        var extractor = JSONInhoudExtractor(maxJSONBytes: maxJSONBytes)
        let writer = try await contents.makeWriter()
        let result: JSONInhoudExtractor.Result
        do {
            for try await chunk in request.body {
                try await extractor.feed(chunk) { bytes in try await writer.write(bytes) }
            }
            result = try extractor.finish()
        } catch let error as JSONInhoudError {
            await writer.abort()
            throw problem(error)
        } catch {
            await writer.abort()
            throw error
        }
        var inhoud = DocumentInhoud.absent
        switch result.inhoud {
        case .absent, .other:
            await writer.abort()
        case .null:
            await writer.abort()
            inhoud = .null
        case .streamed:
            inhoud = .content(try await writer.finish())
        }
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(result.json)) else {
            throw ZGWError.validation([FieldError(name: "nonFieldErrors", code: "parse_error", reason: "De body is geen geldig JSON-object.")])
        }
        if JSONValue.object(object).containsNUL {
            throw ZGWError.validation([FieldError(name: "nonFieldErrors", code: "parse_error", reason: "NUL-tekens (\\u0000) zijn niet toegestaan.")])
        }
        return (object, inhoud)
    }

    static func problem(_ error: JSONInhoudError) -> ZGWError {
        switch error {
        case .invalidBase64:
            return .validation([FieldError(name: "inhoud", code: "invalid", reason: "Het bestand is geen geldige base64.")])
        case .tooLarge(let limit):
            return .validation([FieldError(name: "nonFieldErrors", code: "parse_error", reason: "De body zonder inhoud is groter dan \(limit) bytes.")])
        default:
            return .validation([FieldError(name: "nonFieldErrors", code: "parse_error", reason: "De body is geen geldig JSON-object: \(error).")])
        }
    }
}
