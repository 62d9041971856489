/// Decodes one JSON string escape (`\n`, `\/`, `\u0041` …) a byte at a time, so an escape split across body
/// chunks needs no buffering. Only ASCII results matter to its users (a member name compared with `inhoud`,
/// base64 characters), so anything else is reported as `.unusable`.
struct JSONEscape: Sendable {
    enum Step: Equatable {
        case pending
        case byte(UInt8)
        /// A non-ASCII `\u` escape, or not a JSON escape at all.
        case unusable
    }

    /// Whether a backslash came and its escape is not complete yet.
    private(set) var active = false
    /// -1 right after the backslash; then the number of `\u` hex digits read.
    private var hexDigits = -1
    private var value: UInt32 = 0

    mutating func begin() {
        active = true
        hexDigits = -1
        value = 0
    }

    mutating func feed(_ byte: UInt8) -> Step {
        if hexDigits < 0 {
            let decoded: UInt8
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = byte
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "u"):
                hexDigits = 0
                return .pending
            default:
                active = false
                return .unusable
            }
            active = false
            return .byte(decoded)
        }
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default:
            active = false
            return .unusable
        }
        value = value << 4 | UInt32(digit)
        hexDigits += 1
        guard hexDigits == 4 else { return .pending }
        active = false
        return value < 0x80 ? .byte(UInt8(value)) : .unusable
    }
}
