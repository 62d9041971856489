import ContentStore
import NIOCore
import Testing

private let boundary = "----zaakstroom7MA4YWxkTrZu0gW"

private struct Part: Equatable {
    var name: String
    var filename: String?
    var contentType: String?
    var data: [UInt8]
}

/// The events of `pieces`, checked for order (begin, data…, end) and merged into parts.
private func parse(_ pieces: [ByteBuffer], boundary: String = boundary, maxHeaderBytes: Int = 16 * 1024) async throws -> [Part] {
    var parser = MultipartStreamParser(boundary: boundary, maxHeaderBytes: maxHeaderBytes)
    var parts: [Part] = []
    var open = false
    for piece in pieces {
        try await parser.feed(piece) { event in
            switch event {
            case .partBegin(let name, let filename, let contentType):
                #expect(!open)
                open = true
                parts.append(Part(name: name, filename: filename, contentType: contentType, data: []))
            case .partData(let bytes):
                #expect(open)
                #expect(bytes.readableBytes > 0)
                parts[parts.count - 1].data += bytes.readableBytesView
            case .partEnd:
                #expect(open)
                open = false
            }
        }
    }
    try parser.finish()
    #expect(!open)
    return parts
}

private func parse(_ body: [UInt8], boundary: String = boundary) async throws -> [Part] {
    try await parse([ByteBuffer(bytes: body)], boundary: boundary)
}

/// A body as a client writes it: each part's headers, then its bytes.
private func body(_ parts: [(headers: String, data: [UInt8])], preamble: String = "", epilogue: String = "") -> [UInt8] {
    var bytes = Array(preamble.utf8)
    for part in parts {
        bytes += Array("--\(boundary)\r\n\(part.headers)\r\n".utf8) + part.data + Array("\r\n".utf8)
    }
    return bytes + Array("--\(boundary)--\(epilogue)".utf8)
}

private func filePart(_ data: [UInt8]) -> (headers: String, data: [UInt8]) {
    ("Content-Disposition: form-data; name=\"inhoud\"; filename=\"x.bin\"\r\nContent-Type: application/octet-stream\r\n", data)
}

private func lockPart(_ lock: String) -> (headers: String, data: [UInt8]) {
    ("content-disposition: form-data; name=lock\r\n", Array(lock.utf8))
}

/// Binary data salted with every prefix of the delimiter, and with near misses.
private func trickyData(_ count: Int, seed: UInt64) -> [UInt8] {
    var data = randomBytes(count, seed: seed)
    let delimiter = Array("\r\n--\(boundary)".utf8)
    var generator = SplitMix64(seed: seed)
    for length in 1..<delimiter.count {
        var fragment = Array(delimiter.prefix(length))
        if length % 3 == 0 { fragment.append(UInt8(ascii: "X")) }
        let at = Int.random(in: 0..<(data.count - fragment.count), using: &generator)
        data.replaceSubrange(at..<(at + fragment.count), with: fragment)
    }
    return Array("\r\n--".utf8) + data + Array("\r\n-".utf8) + Array(delimiter.dropLast())
}

@Suite("MultipartStreamParser")
struct MultipartStreamParserTests {
    @Test("the boundary of a multipart/form-data Content-Type, quoted or not")
    func boundaryFromContentType() {
        #expect(MultipartStreamParser.boundary(fromContentType: "multipart/form-data; boundary=abc123") == "abc123")
        #expect(MultipartStreamParser.boundary(fromContentType: #"Multipart/Form-Data; charset=utf-8; BOUNDARY="a b;c""#) == "a b;c")
        #expect(MultipartStreamParser.boundary(fromContentType: "multipart/form-data;boundary=x ; charset=utf-8") == "x")
        #expect(MultipartStreamParser.boundary(fromContentType: "application/json; boundary=abc") == nil)
        #expect(MultipartStreamParser.boundary(fromContentType: "multipart/form-data") == nil)
        #expect(MultipartStreamParser.boundary(fromContentType: #"multipart/form-data; boundary="""#) == nil)
        #expect(MultipartStreamParser.boundary(fromContentType: "multipart/form-data; boundary=" + String(repeating: "a", count: 71)) == nil)
    }

    @Test("binary data full of delimiter fragments survives random chunkings, in either part order")
    func randomChunkings() async throws {
        let file = trickyData(200_000, seed: 5)
        let expectedFile = Part(name: "inhoud", filename: "x.bin", contentType: "application/octet-stream", data: file)
        let expectedLock = Part(name: "lock", filename: nil, contentType: nil, data: Array("0a1b2c".utf8))
        let fileFirst = body([filePart(file), lockPart("0a1b2c")], preamble: "ignored preamble\r\n", epilogue: "\r\nepilogue")
        let lockFirst = body([lockPart("0a1b2c"), filePart(file)])
        for seed in 0..<4 {
            let sizes: ClosedRange<Int> = seed % 2 == 0 ? 1...64 : 1...8192
            #expect(try await parse(randomChunks(fileFirst, sizes: sizes, seed: UInt64(seed))) == [expectedFile, expectedLock])
            #expect(try await parse(randomChunks(lockFirst, sizes: sizes, seed: UInt64(seed))) == [expectedLock, expectedFile])
        }
    }

    @Test("every split point of a small body, with empty parts and a part without headers")
    func everySplit() async throws {
        let bytes = body([filePart([]), ("", Array("\r\n-".utf8)), lockPart("")], preamble: "\r\n")
        await #expect(throws: MultipartError.malformedHeaders("a part without 'Content-Disposition: form-data; name=…'")) {
            try await parse(bytes)
        }
        let valid = body([filePart([]), filePart(Array("\r\n-\r\n--".utf8)), lockPart("")])
        let expected = [
            Part(name: "inhoud", filename: "x.bin", contentType: "application/octet-stream", data: []),
            Part(name: "inhoud", filename: "x.bin", contentType: "application/octet-stream", data: Array("\r\n-\r\n--".utf8)),
            Part(name: "lock", filename: nil, contentType: nil, data: []),
        ]
        for pieces in splitsEveryWay(valid) {
            #expect(try await parse(pieces) == expected, "pieces \(pieces.map(\.readableBytes))")
        }
    }

    @Test("part bytes are passed on as they come: only a possible delimiter start is held back")
    func streams() async throws {
        var parser = MultipartStreamParser(boundary: boundary)
        var received = 0
        let head = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"inhoud\"\r\n\r\n".utf8)
        try await parser.feed(ByteBuffer(bytes: head)) { _ in }
        let data = randomBytes(1 << 20, seed: 3).map { $0 == 0x0D ? 0x0A : $0 }
        for (index, chunk) in randomChunks(data, sizes: 65_536...65_536, seed: 1).enumerated() {
            try await parser.feed(chunk) { event in
                if case .partData(let bytes) = event { received += bytes.readableBytes }
            }
            #expect(received == (index + 1) * 65_536)
        }
        var trailing = ByteBuffer(string: "\r\n--\(boundary)")
        try await parser.feed(trailing.readSlice(length: 5)!) { _ in Issue.record("a delimiter start is held back") }
        try await parser.feed(trailing) { event in #expect(event == .partEnd) }
        #expect(throws: MultipartError.truncated) { try parser.finish() }
        try await parser.feed(ByteBuffer(string: "--")) { _ in }
        try parser.finish()
    }

    @Test("header names are case-insensitive, parameters may be quoted, padding may follow a boundary")
    func headers() async throws {
        let bytes = Array("--\(boundary)  \t\r\nCONTENT-disposition:form-data;  NAME=\"in\\\"houd\" ; filename=\"C:\\dir\\a b.pdf\"\r\nX-Other: y\r\ncontent-type:  text/plain \r\n\r\nabc\r\n--\(boundary)--".utf8)
        #expect(try await parse(bytes) == [Part(name: "in\"houd", filename: "C:\\dir\\a b.pdf", contentType: "text/plain", data: Array("abc".utf8))])
    }

    @Test("errors: headers over the limit, junk after a boundary, a bad header line, no closing boundary")
    func errors() async throws {
        let longHeader = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(String(repeating: "n", count: 200))\"\r\n\r\nx\r\n--\(boundary)--".utf8)
        await #expect(throws: MultipartError.headersTooLarge(limit: 100)) {
            try await parse([ByteBuffer(bytes: longHeader)], maxHeaderBytes: 100)
        }
        await #expect(throws: MultipartError.malformedBoundaryLine) { try await parse(Array("--\(boundary)x\r\n".utf8)) }
        await #expect(throws: MultipartError.malformedHeaders("a header line without ':'")) {
            try await parse(Array("--\(boundary)\r\nno colon\r\n\r\nx\r\n--\(boundary)--".utf8))
        }
        await #expect(throws: MultipartError.truncated) { try await parse(body([lockPart("x")]).dropLast(2)) }
        await #expect(throws: MultipartError.truncated) { try await parse(Array("no boundary here".utf8)) }
        #expect(try await parse(Array("--\(boundary)--".utf8)) == [])
    }

    @Test("feed runs on the caller's actor, so its handler may change that actor's state")
    @MainActor
    func callersActor() async throws {
        var names: [String] = []
        var parser = MultipartStreamParser(boundary: boundary)
        try await parser.feed(ByteBuffer(bytes: body([lockPart("x")]))) { event in
            MainActor.assertIsolated()
            if case .partBegin(let name, _, _) = event { names.append(name) }
        }
        var extractor = JSONInhoudExtractor()
        try await extractor.feed(ByteBuffer(string: #"{"inhoud":"QUJD"}"#)) { _ in names.append("inhoud") }
        #expect(names == ["lock", "inhoud"])
    }
}
