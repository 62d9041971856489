import NIOCore

/// Where base64 input stops being valid: the offset counts every byte fed to the decoder, line breaks included.
public enum Base64StreamError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(offset: Int)

    public var description: String {
        switch self {
        case .invalid(let offset): return "invalid base64 at byte \(offset)"
        }
    }
}

/// Decodes standard base64 (RFC 4648 §4, `=` padding required) fed in pieces of any size, so a large document can
/// be decoded as it arrives. Line breaks (`\r`, `\n`) are skipped, as MIME-style encoders emit them; anything
/// else outside the alphabet, padding that does not end a quantum, or data after the padding is an error.
///
/// Speed comes from decoding whole 4-character quantums through a lookup table straight into the output's memory;
/// the byte-at-a-time path runs only around line breaks, padding and piece boundaries.
public struct Base64StreamDecoder: Sendable {
    /// Sextets of the quantum not yet complete, oldest in the high bits.
    private var bits: UInt32 = 0
    /// How many sextets `bits` holds (0...3).
    private var sextets = 0
    /// Whether one `=` came after two sextets and the second must follow.
    private var awaitingPad = false
    /// A padded quantum ended the data; only line breaks may follow.
    private var ended = false
    /// Bytes fed so far, for error offsets.
    private var consumed = 0

    public init() {}

    /// Bytes fed so far.
    public var offset: Int { consumed }

    public mutating func decode(_ bytes: some Sequence<UInt8>, into output: inout ByteBuffer) throws(Base64StreamError) {
        var failure: Base64StreamError?
        let contiguous: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(Base64StreamError) { try decode(UnsafeRawBufferPointer(buffer), into: &output) } catch { failure = error }
        }
        if contiguous == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { raw in
                do throws(Base64StreamError) { try decode(raw, into: &output) } catch { failure = error }
            }
        }
        if let failure { throw failure }
    }

    /// Decodes the readable bytes of `buffer` (not moving its reader index).
    public mutating func decode(_ buffer: ByteBuffer, into output: inout ByteBuffer) throws(Base64StreamError) {
        var failure: Base64StreamError?
        buffer.withUnsafeReadableBytes { raw in
            do throws(Base64StreamError) { try decode(raw, into: &output) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Checks that the input ended on a whole quantum, then makes the decoder ready for new input. Decoded bytes
    /// are all written by `decode`; `output` is part of the signature so a later variant may hold some back.
    public mutating func finish(into output: inout ByteBuffer) throws(Base64StreamError) {
        if sextets != 0 || awaitingPad { throw .invalid(offset: consumed) }
        self = Base64StreamDecoder()
    }

    mutating func decode(_ input: UnsafeRawBufferPointer, into output: inout ByteBuffer) throws(Base64StreamError) {
        guard input.count > 0 else { return }
        var failure: Base64StreamError?
        output.writeWithUnsafeMutableBytes(minimumWritableBytes: input.count / 4 * 3 + 3) { out in
            do throws(Base64StreamError) {
                return try decode(input, to: out.baseAddress!.assumingMemoryBound(to: UInt8.self))
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
    }

    /// Decodes `input` to `out` (room for `input.count / 4 * 3 + 3` bytes); returns how many bytes it wrote.
    private mutating func decode(_ input: UnsafeRawBufferPointer, to out: UnsafeMutablePointer<UInt8>) throws(Base64StreamError) -> Int {
        let source = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let count = input.count
        var index = 0
        var written = 0
        defer { consumed += index }
        return try base64DecodeTable.withUnsafeBufferPointer { (table) throws(Base64StreamError) -> Int in
            while index < count {
                if sextets == 0 && !ended {
                    // Whole quantums: four lookups, one check that all four are sextets, three bytes out.
                    while index + 4 <= count {
                        let a = table[Int(source[index])], b = table[Int(source[index + 1])]
                        let c = table[Int(source[index + 2])], d = table[Int(source[index + 3])]
                        if (a | b | c | d) & 0xC0 != 0 { break }
                        let value = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        out[written] = UInt8(truncatingIfNeeded: value >> 16)
                        out[written + 1] = UInt8(truncatingIfNeeded: value >> 8)
                        out[written + 2] = UInt8(truncatingIfNeeded: value)
                        written += 3
                        index += 4
                    }
                    if index == count { break }
                }
                let value = table[Int(source[index])]
                if value < 64 {
                    if ended || awaitingPad { throw .invalid(offset: consumed + index) }
                    bits = bits << 6 | UInt32(value)
                    sextets += 1
                    if sextets == 4 {
                        out[written] = UInt8(truncatingIfNeeded: bits >> 16)
                        out[written + 1] = UInt8(truncatingIfNeeded: bits >> 8)
                        out[written + 2] = UInt8(truncatingIfNeeded: bits)
                        written += 3
                        bits = 0
                        sextets = 0
                    }
                } else if value == base64Pad {
                    switch (sextets, awaitingPad) {
                    case (3, false):
                        out[written] = UInt8(truncatingIfNeeded: bits >> 10)
                        out[written + 1] = UInt8(truncatingIfNeeded: bits >> 2)
                        written += 2
                    case (2, false):
                        awaitingPad = true
                        index += 1
                        continue
                    case (2, true):
                        out[written] = UInt8(truncatingIfNeeded: bits >> 4)
                        written += 1
                    default:
                        throw .invalid(offset: consumed + index)
                    }
                    bits = 0
                    sextets = 0
                    awaitingPad = false
                    ended = true
                } else if value != base64LineBreak {
                    throw .invalid(offset: consumed + index)
                }
                index += 1
            }
            return written
        }
    }
}

private let base64Pad: UInt8 = 0x80
private let base64LineBreak: UInt8 = 0x81
private let base64Invalid: UInt8 = 0xFF

/// Byte → sextet (0...63), or one of the markers above (all with the top bits set, so one mask tests four).
private let base64DecodeTable: [UInt8] = {
    var table = [UInt8](repeating: base64Invalid, count: 256)
    for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
        table[Int(character)] = UInt8(value)
    }
    table[Int(UInt8(ascii: "="))] = base64Pad
    table[Int(UInt8(ascii: "\n"))] = base64LineBreak
    table[Int(UInt8(ascii: "\r"))] = base64LineBreak
    return table
}()
