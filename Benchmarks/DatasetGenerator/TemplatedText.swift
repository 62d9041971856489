/// A text with numbered slots: literal pieces around them, so a clone renders by concatenation instead of
/// a search-and-replace per slot (which dominates at a million zaken).
struct TemplatedText: Sendable {
    /// One more literal than slots: literal 0, slot 0, literal 1, …
    let literals: [String]
    let slots: [Int]

    /// Splits `text` at every occurrence of a key; key `i` becomes slot `i`.
    init(_ text: String, keys: [String]) {
        var literals: [String] = [], slots: [Int] = []
        var cursor = text.startIndex
        while true {
            var earliest: (range: Range<String.Index>, slot: Int)?
            for (slot, key) in keys.enumerated() {
                if let range = text.range(of: key, range: cursor..<text.endIndex), range.lowerBound < (earliest?.range.lowerBound ?? text.endIndex) {
                    earliest = (range, slot)
                }
            }
            guard let (range, slot) = earliest else { break }
            literals.append(String(text[cursor..<range.lowerBound]))
            slots.append(slot)
            cursor = range.upperBound
        }
        literals.append(String(text[cursor...]))
        self.literals = literals
        self.slots = slots
    }

    func render(_ values: [String]) -> String {
        var text = literals[0]
        for (offset, slot) in slots.enumerated() {
            text += values[slot]
            text += literals[offset + 1]
        }
        return text
    }
}
