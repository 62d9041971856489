import ContentStore
import Foundation
import NIOCore
import Testing

/// Decodes `text` fed in `pieces`, then finishes; returns the bytes.
private func decode(_ pieces: [String]) throws(Base64StreamError) -> [UInt8] {
    var decoder = Base64StreamDecoder()
    var output = ByteBuffer()
    for piece in pieces { try decoder.decode(ByteBuffer(string: piece), into: &output) }
    try decoder.finish(into: &output)
    return Array(output.readableBytesView)
}

@Suite("Base64StreamDecoder")
struct Base64StreamDecoderTests {
    @Test("decodes what Foundation encodes, for every length up to 64 and in random pieces")
    func matchesFoundation() throws {
        for length in Array(0...64) + [1000, 100_003] {
            let bytes = randomBytes(length, seed: UInt64(length))
            let encoded = Array(Data(bytes).base64EncodedString().utf8)
            for seed in 0..<3 {
                var decoder = Base64StreamDecoder()
                var output = ByteBuffer()
                for chunk in randomChunks(encoded, sizes: 1...13, seed: UInt64(seed)) {
                    try decoder.decode(chunk, into: &output)
                }
                try decoder.finish(into: &output)
                #expect(Array(output.readableBytesView) == bytes, "length \(length) seed \(seed)")
            }
        }
    }

    @Test("skips CR and LF line breaks (76-column MIME lines)")
    func lineBreaks() throws {
        let bytes = randomBytes(10_000, seed: 9)
        let text = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        #expect(text.contains("\r\n"))
        for seed in 0..<3 {
            let pieces = randomChunks(Array(text.utf8), sizes: 1...100, seed: UInt64(seed)).map { String(buffer: $0) }
            #expect(try decode(pieces) == bytes)
        }
        #expect(try decode(["QU\nJD\n", "\r\n"]) == Array("ABC".utf8))
        #expect(try decode(["QUI=\n"]) == Array("AB".utf8))
    }

    @Test("padding: one or two '=' end the data, also split across pieces")
    func padding() throws {
        #expect(try decode(["QQ=="]) == Array("A".utf8))
        #expect(try decode(["QQ=", "="]) == Array("A".utf8))
        #expect(try decode(["QUI="]) == Array("AB".utf8))
        #expect(try decode(["QUJDRA", "=="]) == Array("ABCD".utf8))
        #expect(try decode([]) == [])
    }

    @Test("invalid characters and bad padding fail at their offset in the whole input")
    func invalid() {
        let cases: [([String], Int)] = [
            (["QU$D"], 2),
            (["QUJD", "RE!G"], 6),
            (["QUJD", " RUZH"], 4), // spaces are not line breaks
            (["QUJD-_"], 4), // the URL-safe alphabet is not accepted
            (["Q==="], 1),
            (["="], 0),
            (["QQ=A"], 3),
            (["QQ==QQ=="], 4), // data after the padding
            (["QUI==", ""], 4),
            (["QQ"], 2), // unpadded: found by finish
            (["QQ="], 3),
            (["QUJDR"], 5),
        ]
        for (pieces, offset) in cases {
            #expect(throws: Base64StreamError.invalid(offset: offset), "\(pieces)") { try decode(pieces) }
        }
        #expect(Base64StreamError.invalid(offset: 7).description.contains("7"))
    }

    @Test("accepts any byte sequence, contiguous or not")
    func sequences() throws {
        var decoder = Base64StreamDecoder()
        var output = ByteBuffer()
        try decoder.decode("QUJD".utf8.lazy.map { $0 }, into: &output)
        try decoder.decode([UInt8]("RA==".utf8), into: &output)
        try decoder.finish(into: &output)
        #expect(String(buffer: output) == "ABCD")
        #expect(decoder.offset == 0)
    }
}
