import Foundation

/// Read models store their ready-to-serve JSON with our own resource URLs *relative*, behind a marker, and
/// the marker becomes the configured public base URL when the JSON is served. So the base URL can change
/// without rebuilding read models, and serving costs one byte-string replacement.
///
/// The marker is U+0001, which JSON (and PostgreSQL's jsonb output) always writes as the escape `\u0001`;
/// input validation refuses control characters in text fields, so the escape can only come from a marker.
public enum ResourceURL {
    public static let marker = "\u{1}"
    static let escapedMarker = "\\u0001"
    static let escapedMarkerBytes = Array(escapedMarker.utf8)

    /// A stored URL for one of our resources: `marker + /catalogi/api/v1/catalogussen/<uuid>`.
    public static func local(_ path: String) -> String {
        marker + path
    }

    /// The uuid of one of our resources at `<api root>/<collection>/<uuid>` in stored form; nil for any other URL.
    public static func uuid(in storedURL: String, api: ZGWAPI, collection: String) -> UUID? {
        let prefix = local("\(api.root)/\(collection)/")
        guard storedURL.hasPrefix(prefix) else { return nil }
        var rest = storedURL.dropFirst(prefix.count)
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        return UUID(uuidString: String(rest))
    }

    /// An absolute URL in stored form: ours (under `baseURL`) relative behind the marker, others as they are.
    public static func stored(_ url: String, baseURL: String) -> String {
        url.hasPrefix(baseURL + "/") ? local(String(url.dropFirst(baseURL.count))) : url
    }

    /// A stored URL (not JSON text) as served: the marker replaced by `baseURL`.
    public static func absolute(_ storedURL: String, baseURL: String) -> String {
        storedURL.replacingOccurrences(of: marker, with: baseURL)
    }

    /// Stored JSON text as served: every marker replaced by `baseURL`.
    /// A byte scan rather than `replacingOccurrences`: pages are ~200 KB, and Foundation's replacement on Linux
    /// cost several milliseconds per page (measured: 9 ms per `GET /zaken` of which 2.3 ms in PostgreSQL).
    public static func render(_ storedJSON: String, baseURL: String) -> String {
        var json = storedJSON
        return json.withUTF8 { bytes in
            let marker = escapedMarkerBytes
            let base = Array(baseURL.utf8)
            var output: [UInt8] = []
            var copied = 0
            var index = 0
            let last = bytes.count - marker.count
            while index <= last {
                guard bytes[index] == marker[0] else {
                    index += 1
                    continue
                }
                // An escape: the marker's `\u0001`, or another one skipped whole (so the text `\\u0001`, an
                // escaped backslash before "u0001", is left alone).
                guard bytes[index + 1] == marker[1], bytes[index + 2] == marker[2], bytes[index + 3] == marker[3],
                    bytes[index + 4] == marker[4], bytes[index + 5] == marker[5]
                else {
                    index += 2
                    continue
                }
                if output.isEmpty { output.reserveCapacity(bytes.count + bytes.count / 4) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                output.append(contentsOf: base)
                index += marker.count
                copied = index
            }
            guard copied > 0 else { return storedJSON }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: output, as: UTF8.self)
        }
    }
}
