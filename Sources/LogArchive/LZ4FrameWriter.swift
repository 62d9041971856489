import CLZ4
import Foundation

/// Writes an LZ4 frame (liblz4's frame API) to a file descriptor as bytes come in: input is compressed in
/// 64 KiB blocks, so memory stays bounded whatever the size of the log.
// Used by one task at a time (one export); not shared.
final class LZ4FrameWriter: @unchecked Sendable {
    static let blockSize = 64 * 1024
    private let output: FileHandle
    private var context: OpaquePointer?
    private var preferences = LZ4F_preferences_t()
    private var pending: [UInt8] = []
    private var compressed: [UInt8]

    init(output: FileHandle) throws(LogArchiveError) {
        self.output = output
        preferences.frameInfo.blockSizeID = LZ4F_max64KB
        preferences.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled
        compressed = [UInt8](repeating: 0, count: LZ4F_compressBound(Self.blockSize, &preferences) + Int(LZ4F_HEADER_SIZE_MAX))
        pending.reserveCapacity(Self.blockSize)
        var created: OpaquePointer?
        try Self.check(LZ4F_createCompressionContext(&created, UInt32(LZ4F_VERSION)))
        context = created
        let written = try Self.check(compressed.withUnsafeMutableBytes { LZ4F_compressBegin(context, $0.baseAddress, $0.count, &preferences) })
        try flush(written)
    }

    deinit { LZ4F_freeCompressionContext(context) }

    func write(_ bytes: some Sequence<UInt8>) throws(LogArchiveError) {
        pending.append(contentsOf: bytes)
        if pending.count >= Self.blockSize { try compressPending() }
    }

    /// Compresses what is left and writes the frame's end mark and checksum.
    func finish() throws(LogArchiveError) {
        try compressPending()
        let written = try Self.check(compressed.withUnsafeMutableBytes { LZ4F_compressEnd(context, $0.baseAddress, $0.count, nil) })
        try flush(written)
    }

    private func compressPending() throws(LogArchiveError) {
        var offset = 0
        while offset < pending.count {
            let length = min(Self.blockSize, pending.count - offset)
            let written = try Self.check(compressed.withUnsafeMutableBytes { out in
                pending.withUnsafeBytes { input in
                    LZ4F_compressUpdate(context, out.baseAddress, out.count, input.baseAddress! + offset, length, nil)
                }
            })
            try flush(written)
            offset += length
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func flush(_ count: Int) throws(LogArchiveError) {
        guard count > 0 else { return }
        do {
            try output.write(contentsOf: compressed[..<count])
        } catch {
            throw .io("cannot write: \(error)")
        }
    }

    @discardableResult
    static func check(_ code: Int) throws(LogArchiveError) -> Int {
        if LZ4F_isError(code) != 0 { throw .lz4(String(cString: LZ4F_getErrorName(code))) }
        return code
    }
}
