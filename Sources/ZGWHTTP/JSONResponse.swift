import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// JSON responses of resources: `Content-Type`, `ETag` on details (computed on the served JSON, so different
/// hosts give different ETags), `304` for a matching `If-None-Match`, and `Location` on creation.
public enum JSONResponse {
    public static func make(_ json: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    /// A detail response with its ETag; 304 without a body when `If-None-Match` names that ETag (or `*`).
    public static func detail(_ json: String, request: Request) -> Response {
        let tag = etag(json)
        if let ifNoneMatch = request.headers[.ifNoneMatch] {
            let tags = ifNoneMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if tags.contains(tag) || tags.contains("*") || tags.contains("W/" + tag) {
                return Response(status: .notModified, headers: [.eTag: tag])
            }
        }
        return make(json, headers: [.eTag: tag])
    }

    /// A 201 with `Location` and the ETag of the new resource.
    public static func created(_ json: String, location: String) -> Response {
        make(json, status: .created, headers: [.location: location, .eTag: etag(json)])
    }

    /// `"<md5 of the JSON>"`, as Open Zaak computes it.
    public static func etag(_ json: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = [UInt8(ascii: "\"")]
        for byte in Insecure.MD5.hash(data: Array(json.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        hex.append(UInt8(ascii: "\""))
        return String(decoding: hex, as: UTF8.self)
    }
}
