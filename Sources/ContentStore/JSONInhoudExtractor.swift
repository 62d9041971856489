#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Splits a JSON request body (an object) as it streams in: the top-level `"inhoud"` string is base64-decoded and
/// handed out in pieces, and everything else is kept as JSON text with `"inhoud":null` in its place, for the
/// caller's ordinary JSON decoding. So a 1 GiB document never sits in memory, while the metadata stays small.
///
/// It is a scanner, not a validator: it follows strings, escapes and nesting just well enough to know which member
/// names are top-level, and leaves the rest of JSON's rules to the caller's parser.
public struct JSONInhoudExtractor: Sendable {
    public enum InhoudValue: Equatable, Sendable {
        /// No top-level `inhoud` member.
        case absent
        /// `"inhoud": null`.
        case null
        /// A string, streamed out as this many decoded bytes (0 for "").
        case streamed(bytes: Int64)
        /// Any other value; left in `json` for the caller's validation to reject.
        case other
    }

    public struct Result: Equatable, Sendable {
        /// The body, with a streamed `inhoud` value replaced by `null`.
        public var json: [UInt8]
        public var inhoud: InhoudValue
    }

    private enum State {
        case beforeObject
        /// After `{` or `,` at the top level.
        case expectName
        case name
        case expectColon
        case expectValue(isInhoud: Bool)
        /// Inside a top-level member's value (other than a streamed inhoud), until its `,` or the closing `}`.
        case value
        /// Inside the `inhoud` string.
        case inhoud
        case afterObject
    }

    public let maxJSONBytes: Int
    private var state = State.beforeObject
    private var json: [UInt8] = []
    private var inhoud = InhoudValue.absent
    private var streamedBytes: Int64 = 0
    private var offset: Int64 = 0

    /// The member name being read, as far as it can still be `inhoud`.
    private var name: [UInt8] = []
    private var nameIsLonger = false
    /// Nesting inside the current value, and whether the scanner is inside one of its strings.
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// Escapes in member names and in `inhoud`, which are decoded rather than just skipped.
    private var escape = JSONEscape()
    private var decoder = Base64StreamDecoder()

    public init(maxJSONBytes: Int = 1 << 20) {
        self.maxJSONBytes = maxJSONBytes
    }

    /// Scans the next piece of the body; decoded `inhoud` bytes from it go to `content` (at most one call a piece).
    /// It runs on the caller's actor (`isolation`), so `content` may touch that actor's state.
    public mutating func feed(
        _ chunk: ByteBuffer, isolation: isolated (any Actor)? = #isolation, content: (ByteBuffer) async throws -> Void
    ) async throws {
        var decoded: ByteBuffer?
        var failure: JSONInhoudError?
        chunk.withUnsafeReadableBytes { raw in
            do throws(JSONInhoudError) { try scan(raw, decoded: &decoded) } catch { failure = error }
        }
        if let failure { throw failure }
        if json.count > maxJSONBytes { throw JSONInhoudError.tooLarge(limit: maxJSONBytes) }
        if let decoded, decoded.readableBytes > 0 { try await content(decoded) }
    }

    /// Checks that the body ended after its object, and returns the JSON text and what `inhoud` was.
    public mutating func finish() throws(JSONInhoudError) -> Result {
        switch state {
        case .afterObject:
            if case .streamed = inhoud { inhoud = .streamed(bytes: streamedBytes) }
            return Result(json: json, inhoud: inhoud)
        case .beforeObject:
            throw .notAnObject
        default:
            throw .truncated
        }
    }

    private mutating func scan(_ raw: UnsafeRawBufferPointer, decoded: inout ByteBuffer?) throws(JSONInhoudError) {
        var index = 0
        defer { offset += Int64(index) }
        while index < raw.count {
            guard case .inhoud = state else {
                try step(raw[index], at: index)
                index += 1
                continue
            }
            if escape.active {
                switch escape.feed(raw[index]) {
                case .pending: break
                case .byte(let byte): try decodeBase64(byte, into: &decoded)
                case .unusable: throw .invalidBase64(offset: decoder.offset)
                }
                index += 1
                continue
            }
            // The bulk of the body: a run of base64 up to the closing quote or the next escape, decoded at once.
            let end = runEnd(raw, from: index)
            if end > index { try decodeBase64(UnsafeRawBufferPointer(rebasing: raw[index..<end]), into: &decoded) }
            index = end
            guard index < raw.count else { break }
            if raw[index] == UInt8(ascii: "\\") {
                escape.begin()
            } else {
                var unused = ByteBuffer()
                do { try decoder.finish(into: &unused) } catch { throw .invalidBase64(offset: decoder.offset) }
                startValue()
            }
            index += 1
        }
    }

    /// One byte of the JSON outside the `inhoud` string: copied to `json`, and followed just far enough to know
    /// where top-level member names and values begin and end.
    private mutating func step(_ byte: UInt8, at index: Int) throws(JSONInhoudError) {
        switch state {
        case .beforeObject:
            if isWhitespace(byte) { return }
            guard byte == UInt8(ascii: "{") else { throw .notAnObject }
            json.append(byte)
            state = .expectName
        case .expectName:
            json.append(byte)
            if isWhitespace(byte) { return }
            if byte == UInt8(ascii: "\"") {
                name.removeAll(keepingCapacity: true)
                nameIsLonger = false
                state = .name
            } else if byte == UInt8(ascii: "}") {
                state = .afterObject
            } else {
                throw malformed(at: index, "expected a member name")
            }
        case .name:
            json.append(byte)
            if escape.active {
                switch escape.feed(byte) {
                case .pending: break
                case .byte(let decoded): appendToName(decoded)
                case .unusable: nameIsLonger = true
                }
            } else if byte == UInt8(ascii: "\\") {
                escape.begin()
            } else if byte == UInt8(ascii: "\"") {
                state = .expectColon
            } else {
                appendToName(byte)
            }
        case .expectColon:
            json.append(byte)
            if isWhitespace(byte) { return }
            guard byte == UInt8(ascii: ":") else { throw malformed(at: index, "expected ':' after a member name") }
            state = .expectValue(isInhoud: !nameIsLonger && name == inhoudName)
        case .expectValue(let isInhoud):
            if isWhitespace(byte) {
                json.append(byte)
                return
            }
            if isInhoud {
                guard inhoud == .absent else { throw .duplicateInhoud }
                if byte == UInt8(ascii: "\"") {
                    json.append(contentsOf: "null".utf8)
                    inhoud = .streamed(bytes: 0)
                    state = .inhoud
                    return
                }
                inhoud = byte == UInt8(ascii: "n") ? .null : .other
            }
            startValue()
            try step(byte, at: index)
        case .value:
            json.append(byte)
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                return
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}") where depth == 0:
                state = .afterObject
            case UInt8(ascii: "]") where depth == 0:
                throw malformed(at: index, "']' closes no array")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                state = .expectName
            default:
                break
            }
        case .afterObject:
            guard isWhitespace(byte) else { throw malformed(at: index, "data after the object") }
            json.append(byte)
        case .inhoud:
            preconditionFailure("the inhoud string is scanned in runs, not byte by byte")
        }
    }

    /// The index of the first `"` or `\\` at or after `start`, or the end: memchr finds them many times faster than
    /// a byte loop, which matters when the run is a gigabyte of base64.
    private func runEnd(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int {
        let base = raw.baseAddress!
        let quote = memchr(base + start, 0x22, raw.count - start).map { base.distance(to: UnsafeRawPointer($0)) } ?? raw.count
        guard quote > start, let backslash = memchr(base + start, 0x5C, quote - start) else { return quote }
        return base.distance(to: UnsafeRawPointer(backslash))
    }

    /// The value of a top-level member begins (or the scanner resumes after the inhoud string, as if after one).
    private mutating func startValue() {
        state = .value
        depth = 0
        inString = false
        escaped = false
    }

    private mutating func appendToName(_ byte: UInt8) {
        if name.count < inhoudName.count { name.append(byte) } else { nameIsLonger = true }
    }

    private mutating func decodeBase64(_ raw: UnsafeRawBufferPointer, into decoded: inout ByteBuffer?) throws(JSONInhoudError) {
        if decoded == nil { decoded = ByteBufferAllocator().buffer(capacity: raw.count / 4 * 3 + 3) }
        let before = decoded!.writerIndex
        do {
            try decoder.decode(raw, into: &decoded!)
        } catch {
            switch error {
            case .invalid(let at): throw .invalidBase64(offset: at)
            }
        }
        streamedBytes += Int64(decoded!.writerIndex - before)
    }

    /// The character an escape in the inhoud string stands for (`\/` is `/`, `\n` a skipped line break).
    private mutating func decodeBase64(_ byte: UInt8, into decoded: inout ByteBuffer?) throws(JSONInhoudError) {
        var failure: JSONInhoudError?
        withUnsafeBytes(of: byte) { raw in
            do throws(JSONInhoudError) { try decodeBase64(raw, into: &decoded) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private func malformed(at index: Int, _ reason: String) -> JSONInhoudError {
        .malformed(offset: offset + Int64(index), reason: reason)
    }
}

private let inhoudName = Array("inhoud".utf8)

private func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}
