import Domain
import Testing

@Suite("Stored URLs as served")
struct ResourceURLTests {
    @Test("render replaces every marker escape by the base URL, not an escaped backslash before u0001, and leaves the rest byte for byte")
    func renderReplacesMarkers() {
        let base = "https://zaken.example/api"
        let cases: [(stored: String, served: String)] = [
            ("", ""),
            (#"{"a":1}"#, #"{"a":1}"#),
            (#"\u0001"#, base),
            (#"{"url":"\u0001/zaken/api/v1/zaken/1","x":"é ✓ \\u0001","y":"\u0001"}"#,
             #"{"url":"\#(base)/zaken/api/v1/zaken/1","x":"é ✓ \\u0001","y":"\#(base)"}"#),
            (#"\u000"#, #"\u000"#),
            (#"ab\u0001\u0001"#, "ab\(base)\(base)"),
        ]
        for (stored, served) in cases {
            #expect(ResourceURL.render(stored, baseURL: base) == served, "\(stored)")
        }
    }
}
