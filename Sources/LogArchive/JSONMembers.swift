/// The members of one JSON object line, each value as the exact bytes it was written with. The import needs
/// `metadata` and `data` byte for byte (the chain hashes that text); a decoder that re-serialises would not do.
struct JSONMembers {
    private(set) var values: [String: ArraySlice<UInt8>] = [:]

    /// Scans `line` as one object; throws a description of the first problem.
    init(_ line: ArraySlice<UInt8>) throws(JSONMembersError) {
        var scanner = Scanner(bytes: line, index: line.startIndex)
        scanner.skipSpace()
        try scanner.expect(UInt8(ascii: "{"))
        scanner.skipSpace()
        if scanner.peek() == UInt8(ascii: "}") {
            scanner.index += 1
        } else {
            while true {
                scanner.skipSpace()
                let keyStart = scanner.index
                try scanner.skipString()
                guard let key = String(validating: line[(keyStart + 1)..<(scanner.index - 1)], as: UTF8.self) else {
                    throw JSONMembersError("a key is not UTF-8")
                }
                scanner.skipSpace()
                try scanner.expect(UInt8(ascii: ":"))
                scanner.skipSpace()
                let valueStart = scanner.index
                try scanner.skipValue()
                values[key] = line[valueStart..<scanner.index]
                scanner.skipSpace()
                if scanner.peek() == UInt8(ascii: ",") { scanner.index += 1; continue }
                try scanner.expect(UInt8(ascii: "}"))
                break
            }
        }
        scanner.skipSpace()
        guard scanner.index == line.endIndex else { throw JSONMembersError("text after the object") }
    }

    subscript(key: String) -> ArraySlice<UInt8>? { values[key] }

    /// Skips JSON values without building them. Strings are checked for a closing quote only; whoever needs
    /// a value decodes it properly.
    struct Scanner {
        let bytes: ArraySlice<UInt8>
        var index: Int

        func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws(JSONMembersError) {
            guard peek() == byte else { throw JSONMembersError("expected '\(Character(Unicode.Scalar(byte)))' at byte \(index - bytes.startIndex)") }
            index += 1
        }

        mutating func skipString() throws(JSONMembersError) {
            try expect(UInt8(ascii: "\""))
            while let byte = peek() {
                index += 1
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { return }
            }
            throw JSONMembersError("a string is not closed")
        }

        mutating func skipValue() throws(JSONMembersError) {
            guard let first = peek() else { throw JSONMembersError("a value is missing") }
            switch first {
            case UInt8(ascii: "\""):
                try skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while let byte = peek() {
                    switch byte {
                    case UInt8(ascii: "\""): try skipString(); continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                    default: break
                    }
                    index += 1
                    if depth == 0 { return }
                }
                throw JSONMembersError("an object or array is not closed")
            default:
                let start = index
                while let byte = peek(), byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                    byte != 0x20, byte != 0x09, byte != 0x0D, byte != 0x0A
                {
                    index += 1
                }
                guard index > start else { throw JSONMembersError("a value is missing at byte \(start - bytes.startIndex)") }
            }
        }
    }
}

struct JSONMembersError: Error {
    let detail: String
    init(_ detail: String) { self.detail = detail }
}
