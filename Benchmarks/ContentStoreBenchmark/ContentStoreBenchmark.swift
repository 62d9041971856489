import ContentStore
import Foundation
import NIOCore

/// Throughput of the document-bytes path: the streaming decoders on in-memory input cut into 64 KiB buffers (as
/// an HTTP body arrives), and the filesystem store writing and reading a file. `--megabytes N` sets the size
/// (default 256), `--directory D` where the store writes (default a temporary folder, removed afterwards).
@main
struct ContentStoreBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        let megabytes = option("--megabytes").flatMap(Int.init) ?? 256
        let directory = option("--directory") ?? NSTemporaryDirectory() + "content-store-benchmark-" + UUID().uuidString
        let original = [UInt8](unsafeUninitializedCapacity: megabytes << 20) { buffer, count in
            var generator = SystemRandomNumberGenerator()
            for index in buffer.indices { buffer[index] = generator.next() }
            count = buffer.count
        }
        let base64 = Array(Data(original).base64EncodedString().utf8)
        let mime = Array(Data(original).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]).utf8)
        print("input: \(megabytes) MiB of random bytes, \(base64.count >> 20) MiB as base64; buffers of 64 KiB")

        for (name, text) in [("Base64StreamDecoder", base64), ("Base64StreamDecoder, CRLF every 76", mime)] {
            try await measure(name, bytes: text.count) {
                var decoder = Base64StreamDecoder()
                var output = ByteBuffer()
                for chunk in chunks(text) {
                    output.clear()
                    try decoder.decode(chunk, into: &output)
                }
                try decoder.finish(into: &output)
            }
        }

        let json = Array(#"{"bronorganisatie":"123456782","titel":"benchmark","inhoud":""#.utf8) + base64 + Array(#"","taal":"nld"}"#.utf8)
        try await measure("JSONInhoudExtractor", bytes: json.count) {
            var extractor = JSONInhoudExtractor()
            var decoded = 0
            for chunk in chunks(json) { try await extractor.feed(chunk) { decoded += $0.readableBytes } }
            let result = try extractor.finish()
            precondition(result.inhoud == .streamed(bytes: Int64(original.count)) && decoded == original.count)
        }

        let boundary = "----benchmark7MA4YWxkTrZu0gW"
        let multipart = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"lock\"\r\n\r\nabc\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"inhoud\"; filename=\"x.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            + original + Array("\r\n--\(boundary)--\r\n".utf8)
        try await measure("MultipartStreamParser", bytes: multipart.count) {
            var parser = MultipartStreamParser(boundary: boundary)
            var received = 0
            for chunk in chunks(multipart) {
                try await parser.feed(chunk) { event in
                    if case .partData(let bytes) = event { received += bytes.readableBytes }
                }
            }
            try parser.finish()
            precondition(received == original.count + 3)
        }

        let store = try FileSystemContentStore(directory: directory)
        defer { if option("--directory") == nil { try? FileManager.default.removeItem(atPath: directory) } }
        var digest = ContentDigest.empty
        try await measure("FileSystemContentStore write (sha256, fsync)", bytes: original.count) {
            let writer = try await store.makeWriter()
            for chunk in chunks(original) { try await writer.write(chunk) }
            digest = try await writer.finish()
        }
        try await measure("FileSystemContentStore read", bytes: original.count) {
            var read = 0
            for try await chunk in try store.read(digest, range: nil) { read += chunk.readableBytes }
            precondition(read == original.count)
        }
        try await store.remove(digest.sha256)
    }

    static func chunks(_ bytes: [UInt8], size: Int = 64 * 1024) -> [ByteBuffer] {
        stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<min(bytes.count, $0 + size)]) }
    }

    /// Runs `body` three times and prints the best rate.
    static func measure(
        _ name: String, bytes: Int, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Void
    ) async throws {
        var best = Duration.seconds(1_000_000)
        for _ in 0..<3 {
            let start = ContinuousClock.now
            try await body()
            best = min(best, ContinuousClock.now - start)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        let rate = Double(bytes) / 1_048_576 / seconds
        print("\(name.padding(toLength: 46, withPad: " ", startingAt: 0)) \(String(format: "%8.0f", rate)) MiB/s")
    }
}
