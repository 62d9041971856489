#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// A streaming `multipart/form-data` parser (RFC 7578, RFC 2046 §5.1) for uploads of any size: part bodies are
/// passed on as slices of the fed buffers, and the only bytes it holds back are a possible start of the next
/// delimiter at the end of a buffer (shorter than the delimiter) and one part's header block (at most
/// `maxHeaderBytes`).
public struct MultipartStreamParser: Sendable {
    private enum State {
        case preamble
        /// The rest of a delimiter's line: `--` closes the body, else optional white space and CRLF.
        case afterDelimiter
        case headers
        case body
        case epilogue
    }

    public let maxHeaderBytes: Int
    /// `CRLF--boundary`: the CRLF before a boundary belongs to the delimiter, not to the part.
    private let delimiter: [UInt8]
    private var state = State.preamble
    /// The end of the previous buffer that may be the start of a delimiter. The body starts as if after a CRLF,
    /// so a boundary on the very first line is found like any other.
    private var pending: [UInt8] = [0x0D, 0x0A]
    private var line: [UInt8] = []
    private var headerBlock: [UInt8] = []

    public init(boundary: String, maxHeaderBytes: Int = 16 * 1024) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        self.maxHeaderBytes = maxHeaderBytes
    }

    /// The boundary of a `multipart/form-data` Content-Type (quoted or not), or nil when it is another type or
    /// its boundary is missing or not 1 to 70 characters (RFC 2046).
    public static func boundary(fromContentType contentType: String) -> String? {
        let header = HeaderParameters(parsing: contentType)
        guard header.value == "multipart/form-data", let boundary = header.parameters["boundary"],
              (1...70).contains(boundary.utf8.count) else { return nil }
        return boundary
    }

    /// Parses the next piece of the body and reports what it completes to `handler`, in order. It runs on the
    /// caller's actor (`isolation`), so `handler` may touch that actor's state.
    public mutating func feed(
        _ chunk: ByteBuffer, isolation: isolated (any Actor)? = #isolation, handler: (MultipartEvent) async throws -> Void
    ) async throws {
        var events: [MultipartEvent] = []
        var failure: MultipartError?
        chunk.withUnsafeReadableBytes { raw in
            do throws(MultipartError) { try parse(raw, of: chunk, into: &events) } catch { failure = error }
        }
        if let failure { throw failure }
        for event in events { try await handler(event) }
    }

    /// Checks that the closing boundary came.
    public func finish() throws(MultipartError) {
        guard case .epilogue = state else { throw .truncated }
    }

    private mutating func parse(_ raw: UnsafeRawBufferPointer, of chunk: ByteBuffer, into events: inout [MultipartEvent]) throws(MultipartError) {
        var index = 0
        while index < raw.count {
            switch state {
            case .preamble, .body:
                let inBody: Bool
                if case .body = state { inBody = true } else { inBody = false }
                guard let after = findDelimiter(raw, from: index, of: chunk, emit: inBody, into: &events) else { return }
                if inBody { events.append(.partEnd) }
                state = .afterDelimiter
                line.removeAll(keepingCapacity: true)
                index = after
            case .afterDelimiter:
                index = try readDelimiterLine(raw, from: index)
            case .headers:
                index = try readHeaders(raw, from: index, into: &events)
            case .epilogue:
                return
            }
        }
    }

    /// Passes on the data before the next delimiter (when `emit`) and returns the index just after it; or, when the
    /// buffer ends first, passes on all but a possible delimiter start, keeps that in `pending` and returns nil.
    private mutating func findDelimiter(
        _ raw: UnsafeRawBufferPointer, from start: Int, of chunk: ByteBuffer, emit: Bool, into events: inout [MultipartEvent]
    ) -> Int? {
        if !pending.isEmpty {
            let held = pending
            pending.removeAll(keepingCapacity: true)
            // A delimiter may begin at any position of the held bytes that starts a delimiter.
            for position in held.indices where held[position...].elementsEqual(delimiter.prefix(held.count - position)) {
                let have = held.count - position
                let need = delimiter.count - have
                let available = min(need, raw.count - start)
                guard matches(raw, at: start, length: available, delimiterOffset: have) else { continue }
                if emit && position > 0 { events.append(.partData(ByteBuffer(bytes: held[..<position]))) }
                if available == need { return start + need }
                pending = Array(held[position...]) + raw[start..<raw.count]
                return nil
            }
            if emit { events.append(.partData(ByteBuffer(bytes: held))) }
        }
        let base = raw.baseAddress!
        var index = start
        while index < raw.count, let found = memchr(base + index, 0x0D, raw.count - index) {
            let candidate = base.distance(to: UnsafeRawPointer(found))
            let length = min(delimiter.count, raw.count - candidate)
            if matches(raw, at: candidate, length: length, delimiterOffset: 0) {
                if emit && candidate > start { events.append(.partData(slice(of: chunk, start..<candidate))) }
                if length == delimiter.count { return candidate + length }
                pending = Array(raw[candidate..<raw.count])
                return nil
            }
            index = candidate + 1
        }
        if emit && raw.count > start { events.append(.partData(slice(of: chunk, start..<raw.count))) }
        return nil
    }

    /// Whether `length` bytes at `index` equal the delimiter from `delimiterOffset`.
    private func matches(_ raw: UnsafeRawBufferPointer, at index: Int, length: Int, delimiterOffset: Int) -> Bool {
        length == 0 || delimiter.withUnsafeBytes { memcmp(raw.baseAddress! + index, $0.baseAddress! + delimiterOffset, length) == 0 }
    }

    /// Reads the rest of a delimiter's line; returns the index after what it used.
    private mutating func readDelimiterLine(_ raw: UnsafeRawBufferPointer, from start: Int) throws(MultipartError) -> Int {
        var index = start
        while index < raw.count {
            let byte = raw[index]
            index += 1
            line.append(byte)
            if line.count == 2 && line == [UInt8(ascii: "-"), UInt8(ascii: "-")] {
                state = .epilogue
                return raw.count
            }
            if byte == 0x0A {
                // Transport padding (white space) may stand between the boundary and the CRLF.
                guard line.count >= 2, line[line.count - 2] == 0x0D,
                      line.dropLast(2).allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { throw .malformedBoundaryLine }
                state = .headers
                // The block starts with the CRLF just read, so that its end is always the first CRLFCRLF, even when
                // the part has no headers at all.
                headerBlock = [0x0D, 0x0A]
                return index
            }
            if line.count > 1024 { throw .malformedBoundaryLine }
        }
        return index
    }

    /// Collects a part's header block up to its empty line, then reports the part; returns the index after it.
    private mutating func readHeaders(_ raw: UnsafeRawBufferPointer, from start: Int, into events: inout [MultipartEvent]) throws(MultipartError) -> Int {
        var index = start
        while index < raw.count {
            headerBlock.append(raw[index])
            index += 1
            let count = headerBlock.count
            if count >= 4, headerBlock[count - 1] == 0x0A, headerBlock[count - 2] == 0x0D,
               headerBlock[count - 3] == 0x0A, headerBlock[count - 4] == 0x0D {
                events.append(try Self.partBegin(count > 4 ? headerBlock[2..<(count - 4)] : []))
                headerBlock = []
                state = .body
                return index
            }
            if count > maxHeaderBytes { throw .headersTooLarge(limit: maxHeaderBytes) }
        }
        return index
    }

    /// The part's name, filename and content type from its header lines (names are case-insensitive).
    private static func partBegin(_ block: ArraySlice<UInt8>) throws(MultipartError) -> MultipartEvent {
        var disposition: HeaderParameters?
        var contentType: String?
        let text = String(decoding: block, as: UTF8.self)
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedHeaders("a header line without ':'") }
            let name = line[..<colon].trimmingSpaces().lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            switch name {
            case "content-disposition": disposition = HeaderParameters(parsing: value)
            case "content-type": contentType = value
            default: break
            }
        }
        guard let disposition, disposition.value == "form-data", let name = disposition.parameters["name"] else {
            throw .malformedHeaders("a part without 'Content-Disposition: form-data; name=…'")
        }
        return .partBegin(name: name, filename: disposition.parameters["filename"], contentType: contentType)
    }

    private func slice(of chunk: ByteBuffer, _ range: Range<Int>) -> ByteBuffer {
        chunk.getSlice(at: chunk.readerIndex + range.lowerBound, length: range.count)!
    }
}
