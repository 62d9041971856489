/// A MIME header value with `;`-separated parameters, as in `form-data; name="inhoud"; filename="a.pdf"` or
/// `multipart/form-data; boundary=xyz`. Parameter names are lowercased (they are case-insensitive); values keep
/// their case, quotes removed.
struct HeaderParameters: Equatable {
    /// The part before the first `;`, trimmed and lowercased.
    var value: String
    var parameters: [String: String]

    init(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var index = 0

        func skipWhitespace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        }
        func token(until stops: Set<UInt8>) -> String {
            let start = index
            while index < bytes.count, !stops.contains(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self).trimmingSpaces()
        }

        value = token(until: [UInt8(ascii: ";")]).lowercased()
        parameters = [:]
        while index < bytes.count {
            index += 1 // the ';'
            skipWhitespace()
            let name = token(until: [UInt8(ascii: "="), UInt8(ascii: ";")]).lowercased()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            skipWhitespace()
            let parameter: String
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                parameter = Self.quoted(bytes, &index)
                _ = token(until: [UInt8(ascii: ";")])
            } else {
                parameter = token(until: [UInt8(ascii: ";")])
            }
            if !name.isEmpty, parameters[name] == nil { parameters[name] = parameter }
        }
    }

    /// A quoted string starting at `index`, which ends past its closing quote. Only `\"` and `\\` are taken as
    /// escapes: browsers send a Windows path's backslashes unescaped (and a quote as %22), so other backslashes
    /// are kept as they are.
    private static func quoted(_ bytes: [UInt8], _ index: inout Int) -> String {
        var text: [UInt8] = []
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\"), index < bytes.count,
               bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "\\") {
                text.append(bytes[index])
                index += 1
            } else {
                text.append(byte)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (the white space of header values).
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
