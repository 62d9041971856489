import ContentStore
import Foundation
import NIOCore
import Testing

private struct Extracted: Equatable {
    var json: String
    var inhoud: JSONInhoudExtractor.InhoudValue
    var content: [UInt8]
}

/// Runs `body` through an extractor in the given pieces.
private func extract(_ pieces: [ByteBuffer], maxJSONBytes: Int = 1 << 20) async throws -> Extracted {
    var extractor = JSONInhoudExtractor(maxJSONBytes: maxJSONBytes)
    var content: [UInt8] = []
    var calls = 0
    for piece in pieces {
        try await extractor.feed(piece) { decoded in
            calls += 1
            content += decoded.readableBytesView
        }
    }
    let result = try extractor.finish()
    #expect(calls <= pieces.count)
    return Extracted(json: String(decoding: result.json, as: UTF8.self), inhoud: result.inhoud, content: content)
}

private func extract(_ body: String, maxJSONBytes: Int = 1 << 20) async throws -> Extracted {
    try await extract([ByteBuffer(string: body)], maxJSONBytes: maxJSONBytes)
}

private func expectError(_ error: JSONInhoudError, _ pieces: [String], sourceLocation: SourceLocation = #_sourceLocation) async {
    await #expect(throws: error, "\(pieces)", sourceLocation: sourceLocation) {
        try await extract(pieces.map { ByteBuffer(string: $0) })
    }
}

@Suite("JSONInhoudExtractor")
struct JSONInhoudExtractorTests {
    @Test("streams 20 MB of base64 fed in random pieces of 1 to 8192 bytes, and keeps the rest as JSON")
    func largeBody() async throws {
        let original = randomBytes(15_000_000, seed: 42)
        let body = Array(#"{"bronorganisatie":"123456782", "inhoud" : ""#.utf8)
            + Array(Data(original).base64EncodedString().utf8)
            + Array(#"", "titel":"groot"}"#.utf8)
        #expect(body.count > 20_000_000)
        let result = try await extract(randomChunks(body, sizes: 1...8192, seed: 7))
        #expect(result.content == original)
        #expect(result.inhoud == .streamed(bytes: 15_000_000))
        #expect(result.json == #"{"bronorganisatie":"123456782", "inhoud" : null, "titel":"groot"}"#)
    }

    @Test("any split of the body, inside names, escapes, the base64 and around ':', gives the same result")
    func everySplit() async throws {
        let body = #"{ "tit\u0065l" : "a\"b{" , "\u0069nhoud"  :  "QU\/\n\r\u0042DR\/=" ,"x":{"inhoud":[1,"]"]} }"#
        let expected = try await extract(body)
        #expect(expected.content == [0x41, 0x4F, 0xC1, 0x0D, 0x1F]) // "QU/BDR/=", line breaks skipped
        #expect(expected.json == #"{ "tit\u0065l" : "a\"b{" , "\u0069nhoud"  :  null ,"x":{"inhoud":[1,"]"]} }"#)
        for pieces in splitsEveryWay(Array(body.utf8)) {
            #expect(try await extract(pieces) == expected, "pieces \(pieces.map(\.readableBytes))")
        }
    }

    @Test("only the top-level inhoud counts: nested ones and strings that look like it stay in the JSON")
    func topLevelOnly() async throws {
        let nested = #"{"meta":{"inhoud":"QUJD"},"lijst":[{"inhoud":"RA=="}],"tekst":"\"inhoud\":\"QQ==\""}"#
        #expect(try await extract(nested) == Extracted(json: nested, inhoud: .absent, content: []))

        let both = #"{"meta":{"inhoud":"QUJD"},"inhoud":"RA=="}"#
        #expect(try await extract(both) == Extracted(json: #"{"meta":{"inhoud":"QUJD"},"inhoud":null}"#, inhoud: .streamed(bytes: 1), content: [0x44]))

        let longerName = #"{"inhoudx":"QUJD","inhou":1,"inhoud\u0041":2}"#
        #expect(try await extract(longerName).inhoud == .absent)
    }

    @Test("null, the empty string and other values of inhoud")
    func values() async throws {
        #expect(try await extract(#"{"inhoud":null}"#) == Extracted(json: #"{"inhoud":null}"#, inhoud: .null, content: []))
        #expect(try await extract(#"{"inhoud":""}"#) == Extracted(json: #"{"inhoud":null}"#, inhoud: .streamed(bytes: 0), content: []))
        #expect(try await extract(#"{"inhoud":12,"a":1}"#) == Extracted(json: #"{"inhoud":12,"a":1}"#, inhoud: .other, content: []))
        #expect(try await extract(#"{"inhoud":{"b":"QQ=="}}"#).inhoud == .other)
        #expect(try await extract(#"{"a":[1,{"b":null}]}"#) == Extracted(json: #"{"a":[1,{"b":null}]}"#, inhoud: .absent, content: []))
        #expect(try await extract(" {}\n") == Extracted(json: "{}\n", inhoud: .absent, content: []))
    }

    @Test("the JSON left over parses, with inhoud null")
    func parses() async throws {
        let result = try await extract(#"{"titel":"\u00e9\"","inhoud":"QUJD","taal":"nld"}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any])
        #expect(object["inhoud"] is NSNull)
        #expect(object["titel"] as? String == "é\"")
        #expect(object["taal"] as? String == "nld")
    }

    @Test("invalid base64 in inhoud is its own error, with the offset in the string")
    func invalidBase64() async {
        await expectError(.invalidBase64(offset: 2), [#"{"inhoud":"QU*D"}"#])
        await expectError(.invalidBase64(offset: 3), [#"{"inhoud":"QUJ"}"#])
        await expectError(.invalidBase64(offset: 4), [#"{"inhoud":"QUJD\tRA=="}"#]) // \t is not a line break
        await expectError(.invalidBase64(offset: 4), [#"{"inhoud":"QUJD\"#, #"x"}"#]) // not a JSON escape
        await expectError(.invalidBase64(offset: 4), [#"{"inhoud":"QUJD\u00e9"}"#])
        await expectError(.invalidBase64(offset: 4), [#"{"inhoud":"QUJD RA=="}"#])
    }

    @Test("structural errors: not an object, truncated, stray characters, too large, inhoud twice")
    func structure() async {
        await expectError(.notAnObject, ["[1,2]"])
        await expectError(.notAnObject, [""])
        await expectError(.notAnObject, ["  "])
        await expectError(.truncated, [#"{"inhoud":"QUJD"#])
        await expectError(.truncated, [#"{"titel":"ab"#])
        await expectError(.truncated, [#"{"a":{"b":1}"#])
        await expectError(.truncated, [#"{"ti"#])
        await expectError(.malformed(offset: 5, reason: "expected ':' after a member name"), [#"{"a" 1}"#])
        await expectError(.malformed(offset: 1, reason: "expected a member name"), ["{1:2}"])
        await expectError(.malformed(offset: 8, reason: "data after the object"), [#"{"a":1} x"#])
        await expectError(.malformed(offset: 5, reason: "']' closes no array"), [#"{"a":]}"#])
        await expectError(.duplicateInhoud, [#"{"inhoud":"QQ==","inhoud":"QQ=="}"#])
        await expectError(.duplicateInhoud, [#"{"inhoud":null,"inhoud":"QQ=="}"#])
    }

    @Test("the limit counts the JSON without the inhoud value")
    func limit() async throws {
        let bigInhoud = #"{"a":1,"inhoud":""# + Data(randomBytes(30_000, seed: 1)).base64EncodedString() + #""}"#
        #expect(try await extract(bigInhoud, maxJSONBytes: 100).inhoud == .streamed(bytes: 30_000))
        let bigJSON = #"{"titel":""# + String(repeating: "x", count: 200) + #""}"#
        await #expect(throws: JSONInhoudError.tooLarge(limit: 100)) { try await extract(bigJSON, maxJSONBytes: 100) }
        #expect(JSONInhoudError.tooLarge(limit: 100).description.contains("100"))
    }
}
