import ContentStore
import Foundation
import NIOCore
import Testing

/// sha256 test vectors from FIPS 180-2.
private let abcSHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
private let millionASHA256 = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

private func withStore<T>(chunkSize: Int = 256 * 1024, _ body: (FileSystemContentStore, TemporaryDirectory) async throws -> T) async throws -> T {
    let directory = TemporaryDirectory()
    defer { directory.remove() }
    let store = try FileSystemContentStore(directory: directory.path + "/nested/store/", chunkSize: chunkSize)
    return try await body(store, TemporaryDirectory(path: directory.path + "/nested/store"))
}

private func put(_ bytes: [UInt8], in store: some ContentStore, pieces: ClosedRange<Int> = 1...1000, seed: UInt64 = 1) async throws -> ContentDigest {
    let writer = try await store.makeWriter()
    for chunk in randomChunks(bytes, sizes: pieces, seed: seed) { try await writer.write(chunk) }
    return try await writer.finish()
}

@Suite("FileSystemContentStore")
struct FileSystemContentStoreTests {
    @Test("stores bytes under their sha256 in objects/ab/cdef… and leaves tmp/ empty")
    func storesUnderDigest() async throws {
        try await withStore { store, directory in
            let writer = try await store.makeWriter()
            try await writer.write(ByteBuffer(string: "a"))
            try await writer.write(ByteBuffer(string: "bc"))
            #expect(writer.size == 3)
            let digest = try await writer.finish()
            #expect(digest == ContentDigest(sha256: abcSHA256, size: 3))
            #expect(directory.files(under: "objects") == ["ba/" + abcSHA256.dropFirst(2)])
            #expect(directory.files(under: "tmp").isEmpty)
            #expect(store.contains(abcSHA256))
            #expect(try await collect(store.read(digest, range: nil)) == Array("abc".utf8))
        }
    }

    @Test("hashes incrementally across many writes (a million 'a's) and reads back in chunkSize buffers")
    func millionA() async throws {
        try await withStore(chunkSize: 4096) { store, _ in
            let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
            let digest = try await put(bytes, in: store, pieces: 1...70_000)
            #expect(digest == ContentDigest(sha256: millionASHA256, size: 1_000_000))
            var sizes: [Int] = []
            var read: [UInt8] = []
            for try await chunk in try store.read(digest, range: nil) {
                sizes.append(chunk.readableBytes)
                read += chunk.readableBytesView
            }
            #expect(read == bytes)
            #expect(sizes.dropLast().allSatisfy { $0 == 4096 })
            #expect(sizes.count == 245)
        }
    }

    @Test("no bytes at all give the empty digest, stored and readable")
    func emptyContent() async throws {
        try await withStore { store, _ in
            let digest = try await store.makeWriter().finish()
            #expect(digest == .empty)
            #expect(store.contains(ContentDigest.empty.sha256))
            #expect(try await collect(store.read(digest, range: nil)).isEmpty)
        }
    }

    @Test("the same content twice is stored once")
    func deduplicates() async throws {
        try await withStore { store, directory in
            let bytes = randomBytes(100_000, seed: 7)
            let first = try await put(bytes, in: store, seed: 1)
            let second = try await put(bytes, in: store, seed: 2)
            #expect(first == second)
            #expect(directory.files(under: "objects").count == 1)
            #expect(directory.files(under: "tmp").isEmpty)
            #expect(try await collect(store.read(first, range: nil)) == bytes)
        }
    }

    @Test("abort removes the temporary file; abort after finish keeps the content; a closed writer refuses writes")
    func abort() async throws {
        try await withStore { store, directory in
            let aborted = try await store.makeWriter()
            try await aborted.write(ByteBuffer(string: "discard me"))
            #expect(directory.files(under: "tmp").count == 1)
            await aborted.abort()
            #expect(directory.files(under: "tmp").isEmpty)
            #expect(directory.files(under: "objects").isEmpty)
            await #expect(throws: ContentStoreError.writerClosed) { try await aborted.write(ByteBuffer(string: "x")) }
            await #expect(throws: ContentStoreError.writerClosed) { try await aborted.finish() }

            let finished = try await store.makeWriter()
            try await finished.write(ByteBuffer(string: "abc"))
            let digest = try await finished.finish()
            await finished.abort()
            #expect(store.contains(digest.sha256))
            #expect(try await finished.finish() == digest)
        }
    }

    @Test("a writer dropped without finish or abort leaves nothing in tmp/")
    func droppedWriter() async throws {
        try await withStore { store, directory in
            var writer: (any ContentWriter)? = try await store.makeWriter()
            try await writer?.write(ByteBuffer(string: "half an upload"))
            #expect(directory.files(under: "tmp").count == 1)
            writer = nil
            #expect(directory.files(under: "tmp").isEmpty)
        }
    }

    @Test("byte ranges read exactly the bytes asked for, across chunk boundaries")
    func ranges() async throws {
        try await withStore(chunkSize: 7) { store, _ in
            let bytes = randomBytes(100, seed: 3)
            let digest = try await put(bytes, in: store)
            for range: Range<Int64> in [0..<100, 0..<0, 99..<100, 3..<20, 7..<14, 50..<50, 13..<100] {
                let read = try await collect(store.read(digest, range: range))
                #expect(read == Array(bytes[Int(range.lowerBound)..<Int(range.upperBound)]), "range \(range)")
            }
            #expect(throws: ContentStoreError.invalidRange(lower: 90, upper: 101, size: 100)) {
                try store.read(digest, range: 90..<101)
            }
            #expect(throws: ContentStoreError.invalidRange(lower: -1, upper: 5, size: 100)) {
                try store.read(digest, range: -1..<5)
            }
        }
    }

    @Test("missing content is a clear error; remove is idempotent; a digest that is no sha256 is refused")
    func missingAndRemove() async throws {
        try await withStore { store, directory in
            let absent = ContentDigest(sha256: String(repeating: "0", count: 64), size: 1)
            #expect(throws: ContentStoreError.missing(sha256: absent.sha256)) { try store.read(absent, range: nil) }
            #expect(!store.contains(absent.sha256))
            try await store.remove(absent.sha256)

            let digest = try await put(Array("abc".utf8), in: store)
            try await store.remove(digest.sha256)
            #expect(!store.contains(digest.sha256))
            #expect(directory.files(under: "objects").isEmpty)
            #expect(throws: ContentStoreError.missing(sha256: abcSHA256)) { try store.read(digest, range: nil) }

            for bad in ["../../etc/passwd", abcSHA256.uppercased(), String(abcSHA256.dropLast()), ""] {
                #expect(!store.contains(bad))
                #expect(throws: ContentStoreError.invalidDigest(bad)) { try store.read(ContentDigest(sha256: bad, size: 0), range: nil) }
                await #expect(throws: ContentStoreError.invalidDigest(bad)) { try await store.remove(bad) }
            }
            #expect(ContentStoreError.missing(sha256: abcSHA256).description.contains(abcSHA256))
            #expect(ContentStoreError.io(operation: "open", path: "/x", errno: 2).description.contains("/x"))
        }
    }

    @Test("content removed between read and the first chunk fails the stream with `missing`")
    func removedBeforeFirstChunk() async throws {
        try await withStore { store, _ in
            let digest = try await put(Array("abc".utf8), in: store)
            let chunks = try store.read(digest, range: nil)
            try await store.remove(digest.sha256)
            await #expect(throws: ContentStoreError.missing(sha256: digest.sha256)) { try await collect(chunks) }
        }
    }

    @Test("concatenate stores the parts in order as one content")
    func concatenates() async throws {
        try await withStore(chunkSize: 1000) { store, directory in
            let parts = [randomBytes(5000, seed: 1), [], randomBytes(1, seed: 2), randomBytes(12_345, seed: 3)]
            var digests: [ContentDigest] = []
            for part in parts { digests.append(try await put(part, in: store)) }
            let whole = Array(parts.joined())
            let merged = try await store.concatenate(digests)
            #expect(merged == (try await put(whole, in: store)))
            #expect(merged.size == Int64(whole.count))
            #expect(try await collect(store.read(merged, range: nil)) == whole)
            #expect(try await store.concatenate([]) == .empty)

            let before = directory.files(under: "objects")
            let absent = ContentDigest(sha256: String(repeating: "f", count: 64), size: 3)
            await #expect(throws: ContentStoreError.missing(sha256: absent.sha256)) {
                try await store.concatenate([digests[0], absent])
            }
            #expect(directory.files(under: "objects") == before)
            #expect(directory.files(under: "tmp").isEmpty)
        }
    }

    @Test("sweepTemporaryFiles removes stale temporary files and spares a live upload")
    func sweeps() async throws {
        try await withStore { store, directory in
            let live = try await store.makeWriter()
            try await live.write(ByteBuffer(string: "in progress"))
            let stale = directory.path + "/tmp/crashed.part"
            #expect(FileManager.default.createFile(atPath: stale, contents: Data("left by a crash".utf8)))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: stale)

            #expect(try await store.sweepTemporaryFiles(olderThan: .seconds(3600)) == 1)
            #expect(!FileManager.default.fileExists(atPath: stale))
            #expect(directory.files(under: "tmp").count == 1)
            let digest = try await live.finish()
            #expect(try await collect(store.read(digest, range: nil)) == Array("in progress".utf8))
        }
    }

    @Test("a store reopens an existing directory and finds its content")
    func reopens() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let digest = try await put(Array("abc".utf8), in: FileSystemContentStore(directory: directory.path))
        let reopened = try FileSystemContentStore(directory: directory.path)
        #expect(reopened.contains(digest.sha256))
        #expect(try await collect(reopened.read(digest, range: 1..<3)) == Array("bc".utf8))
    }
}
