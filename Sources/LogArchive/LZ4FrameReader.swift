import CLZ4
import Foundation

/// Reads the lines of an LZ4-framed file: the file is read and decompressed in 64 KiB steps, and lines are
/// handed out one at a time, so memory stays bounded (one line at most 64 MiB).
// Used by one task at a time (one import); not shared.
final class LZ4FrameReader: @unchecked Sendable {
    static let maximumLine = 64 * 1024 * 1024
    private let input: FileHandle
    private var context: OpaquePointer?
    private var source: [UInt8] = []
    private var sourceOffset = 0
    private var decompressed: [UInt8] = []
    private var lineStart = 0
    /// 0 once a frame ended exactly: liblz4's hint of how many more bytes the frame wants.
    private var hint = 1
    private var atEndOfFile = false
    private var scratch = [UInt8](repeating: 0, count: 256 * 1024)
    private(set) var lineNumber = 0

    init(input: FileHandle) throws(LogArchiveError) {
        self.input = input
        var created: OpaquePointer?
        try LZ4FrameWriter.check(LZ4F_createDecompressionContext(&created, UInt32(LZ4F_VERSION)))
        context = created
    }

    deinit { LZ4F_freeDecompressionContext(context) }

    /// The next line without its newline, or nil at the end of the data.
    func nextLine() throws(LogArchiveError) -> ArraySlice<UInt8>? {
        while true {
            if let newline = decompressed[lineStart...].firstIndex(of: 0x0A) {
                let line = decompressed[lineStart..<newline]
                lineStart = newline + 1
                lineNumber += 1
                return line
            }
            guard decompressed.count - lineStart <= Self.maximumLine else {
                throw .badLine(line: lineNumber + 1, "longer than \(Self.maximumLine) bytes")
            }
            if !(try decompressMore()) {
                guard lineStart < decompressed.count else { return nil }
                throw .truncated("the data ends inside line \(lineNumber + 1), without a newline")
            }
        }
    }

    /// Decompresses the next piece of the file into `decompressed`; false at the end of the data.
    private func decompressMore() throws(LogArchiveError) -> Bool {
        if lineStart > 0 {
            decompressed.removeSubrange(..<lineStart)
            lineStart = 0
        }
        while true {
            if sourceOffset == source.count {
                guard !atEndOfFile else {
                    if hint != 0 { throw .truncated("the LZ4 frame is cut short (the file is incomplete)") }
                    return false
                }
                let chunk: Data?
                do { chunk = try input.read(upToCount: 64 * 1024) } catch { throw .io("cannot read: \(error)") }
                guard let chunk, !chunk.isEmpty else {
                    atEndOfFile = true
                    continue
                }
                source = Array(chunk)
                sourceOffset = 0
            }
            var produced = scratch.count
            var consumed = source.count - sourceOffset
            let result = scratch.withUnsafeMutableBytes { out in
                source.withUnsafeBytes { input in
                    LZ4F_decompress(context, out.baseAddress, &produced, input.baseAddress! + sourceOffset, &consumed, nil)
                }
            }
            if LZ4F_isError(result) != 0 {
                throw .lz4("not a valid LZ4 frame: \(String(cString: LZ4F_getErrorName(result)))")
            }
            hint = result
            sourceOffset += consumed
            if produced > 0 {
                decompressed.append(contentsOf: scratch[..<produced])
                return true
            }
        }
    }
}
