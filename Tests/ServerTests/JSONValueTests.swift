import Domain
import Foundation
import Testing

@Suite("JSONValue: decoding keeps every JSON kind apart")
struct JSONValueTests {
    @Test("strings, booleans, numbers, null, arrays and objects decode to their own case, also when one looks like another")
    func kindsStayApart() throws {
        let text = #"""
            {"s": "tekst", "t": "true", "n": "1", "e": "", "b": true, "f": false, "i": 1, "zero": 0, "d": -2.5, "x": 1e3,
             "null": null, "a": [1, "1", true, null, [], {}], "o": {"nested": {"k": ["v"]}}}
            """#
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let expected: JSONValue = .object([
            "s": .string("tekst"), "t": .string("true"), "n": .string("1"), "e": .string(""), "b": .bool(true), "f": .bool(false),
            "i": .number(1), "zero": .number(0), "d": .number(-2.5), "x": .number(1000), "null": .null,
            "a": .array([.number(1), .string("1"), .bool(true), .null, .array([]), .object([:])]),
            "o": .object(["nested": .object(["k": .array([.string("v")])])]),
        ])
        #expect(decoded == expected)
        // And back: the encoded text decodes to the same value.
        #expect(try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(decoded)) == expected)
    }
}

@Suite("JSONParser: the same values as JSONDecoder, without its Decoder")
struct JSONParserTests {
    /// A random value: nested objects and arrays, strings with escapes, control characters, non-ASCII and astral
    /// characters, numbers of every shape.
    static func randomValue(depth: Int, using generator: inout some RandomNumberGenerator) -> JSONValue {
        let pieces = ["a", "Zaak", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "é", "ß", "€", "中", "😀", "\u{10FFFF}", "ZAAK-2026"]
        switch Int.random(in: 0..<(depth < 4 ? 8 : 5), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            let numbers: [Double] = [0, -0.5, 1, -17, 3.25, 1e-7, 6.02e23, 12_345_678_901, Double(Int32.max), 0.1 + 0.2]
            return .number(numbers.randomElement(using: &generator)! * (Bool.random(using: &generator) ? 1 : -1))
        case 3, 4: return .string((0..<Int.random(in: 0..<6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        case 5: return .array((0..<Int.random(in: 0..<5, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0..<5, using: &generator) {
                object[pieces.randomElement(using: &generator)! + String(Int.random(in: 0..<9, using: &generator))] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(object)
        }
    }

    @Test("2,000 random values encoded by JSONEncoder parse to what JSONDecoder decodes")
    func randomValuesAgreeWithJSONDecoder() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
            let parsed = try JSONParser.parse(text)
            #expect(parsed == (try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))), "\(text)")
            #expect(parsed == value, "\(text)")
        }
    }

    @Test("PostgreSQL's jsonb text, escapes and surrogate pairs, whitespace around everything")
    func handWrittenTexts() throws {
        #expect(try JSONParser.parse(#" {"a": [1, 2.5e1, -0, true, false, null], "b": {}, "c": [] } "#)
            == .object(["a": .array([.number(1), .number(25), .number(0), .bool(true), .bool(false), .null]), "b": .object([:]), "c": .array([])]))
        #expect(try JSONParser.parse(#""\u00e9\u20AC\ud83d\ude00\/\b\f\n\r\t\"\\""#) == .string("é€😀/\u{8}\u{C}\n\r\t\"\\"))
        #expect(try JSONParser.parse("\"\u{10FFFF}zaak\"") == .string("\u{10FFFF}zaak"))
        #expect(try JSONParser.parse("[[[[]]]]") == .array([.array([.array([.array([])])])]))
    }

    @Test("text that is not JSON is refused, where JSONDecoder refuses it too")
    func invalidTexts() {
        for text in ["", " ", "{", "{\"a\" 1}", "01", "1.", "-", "1e", "tru", "nul", "\"abc", "\"\\x\"",
                     "\"\\ud83d\"", "\"\\ude00\"", "\"\u{1}\"", "[1] 2", "{a: 1}", "'a'", "NaN", "1e400", String(repeating: "[", count: 600)] {
            #expect(throws: JSONParser.Failure.self, "\(text.prefix(20))") { try JSONParser.parse(text) }
            #expect(throws: (any Error).self, "\(text.prefix(20))") { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
        }
        // Trailing commas are not JSON (RFC 8259); JSONDecoder lets them pass, the parser does not.
        for text in ["[1,]", "{\"a\":1,}"] {
            #expect(throws: JSONParser.Failure.self, "\(text)") { try JSONParser.parse(text) }
        }
    }
}
