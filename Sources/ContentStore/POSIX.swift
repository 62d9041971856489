#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the system calls the store needs: retry on EINTR, loop on short reads and writes, and turn
/// errno into a `ContentStoreError` that names the path. They block, so callers run them on a thread pool.
/// (Named apart from the C functions so that the calls inside need no module prefix.)
enum POSIX {
    static func openFile(_ path: String, _ flags: CInt, mode: mode_t = 0) throws(ContentStoreError) -> CInt {
        while true {
            let fd = open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw .io(operation: "open", path: path, errno: errno) }
        }
    }

    /// Writes all of `bytes` (write(2) may write less than asked).
    static func writeAll(_ fd: CInt, _ bytes: UnsafeRawBufferPointer, path: String) throws(ContentStoreError) {
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "write", path: path, errno: errno)
            }
            offset += written
        }
    }

    /// Reads up to `into.count` bytes at `offset`; fewer only at end of file.
    static func readAt(_ fd: CInt, into: UnsafeMutableRawBufferPointer, offset: Int64, path: String) throws(ContentStoreError) -> Int {
        var total = 0
        while total < into.count {
            let count = pread(fd, into.baseAddress! + total, into.count - total, off_t(offset) + off_t(total))
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", path: path, errno: errno)
            }
            if count == 0 { break }
            total += count
        }
        return total
    }

    static func syncFile(_ fd: CInt, path: String) throws(ContentStoreError) {
        while fsync(fd) != 0 {
            if errno != EINTR { throw .io(operation: "fsync", path: path, errno: errno) }
        }
    }

    /// Makes a rename or a new entry in `directory` durable: the entry lives in the directory, not in the file.
    static func syncDirectory(_ directory: String) throws(ContentStoreError) {
        let fd = try openFile(directory, O_RDONLY | O_DIRECTORY)
        defer { closeFile(fd) }
        try syncFile(fd, path: directory)
    }

    static func closeFile(_ fd: CInt) {
        // Linux releases the descriptor even when close(2) reports EINTR, so it must not be retried.
        _ = close(fd)
    }

    /// Creates a directory; returns false when it already existed.
    @discardableResult
    static func makeDirectory(_ path: String) throws(ContentStoreError) -> Bool {
        if mkdir(path, 0o750) == 0 { return true }
        if errno == EEXIST { return false }
        throw .io(operation: "mkdir", path: path, errno: errno)
    }

    static func renameFile(_ from: String, to: String) throws(ContentStoreError) {
        if rename(from, to) != 0 { throw .io(operation: "rename to \(to)", path: from, errno: errno) }
    }

    /// Removes a file; returns false when it was not there.
    @discardableResult
    static func removeFile(_ path: String) throws(ContentStoreError) -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw .io(operation: "unlink", path: path, errno: errno)
    }

    /// The size and modification time (since the epoch) of a file, or nil when it does not exist.
    static func fileStatus(_ path: String) throws(ContentStoreError) -> (size: Int64, modified: Duration)? {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw .io(operation: "stat", path: path, errno: errno)
        }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return (Int64(info.st_size), .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec))
    }

    /// The names in a directory, without `.` and `..`.
    static func listDirectory(_ path: String) throws(ContentStoreError) -> [String] {
        guard let dir = opendir(path) else { throw .io(operation: "opendir", path: path, errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Wall-clock time since the epoch, to compare with modification times.
    static func now() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }
}
