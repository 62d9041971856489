#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import BenchmarkSupport
import Foundation

/// The real `zaakstroom serve` as a child process: its own embedded PostgreSQL in a temporary data folder, a free
/// port on 127.0.0.1, an all-autorisaties client `bench` made with the CLI before the start, and a token from
/// `zaakstroom token`. `stop()` sends SIGTERM (the server stops its PostgreSQL) and removes the folder.
final class ServerProcess {
    let binary: String
    let dataDirectory: String
    let port: Int
    let process: Process
    let token: String
    var base: String { "http://127.0.0.1:\(port)" }
    var pid: Int32 { process.processIdentifier }

    private init(binary: String, dataDirectory: String, port: Int, process: Process, token: String) {
        self.binary = binary
        self.dataDirectory = dataDirectory
        self.port = port
        self.process = process
        self.token = token
    }

    /// `zaakstroom` next to this executable (`.build/release/`), unless given.
    static func defaultBinary() -> String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("zaakstroom").path
    }

    static func start(binary: String, uploadChunkSize: Int64) async throws -> ServerProcess {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchmarkClient.Failure(description: "no server binary at \(binary): swift build -c release --product zaakstroom")
        }
        let dataDirectory = NSTemporaryDirectory() + "zaakstroom-docbench-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        do {
            _ = try runCLI(binary, ["applicatie", "create", "--client-id", "bench", "--secret", "bench", "--all", "--data-dir", dataDirectory])
            let token = try runCLI(binary, ["token", "--client-id", "bench", "--secret", "bench"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let port = try freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            // A token for the whole run, however long the 1 GiB runs take.
            process.arguments = ["serve", "--data-dir", dataDirectory, "--host", "127.0.0.1", "--port", String(port), "--log-level", "warning", "--jwt-expiry", "86400"]
            var environment = ProcessInfo.processInfo.environment
            environment["ZAAKSTROOM_UPLOAD_CHUNK_SIZE"] = String(uploadChunkSize)
            environment["DATABASE_URL"] = nil
            environment["ZAAKSTROOM_CONTENT_DIR"] = nil
            process.environment = environment
            _ = FileManager.default.createFile(atPath: dataDirectory + ".log", contents: nil)
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: dataDirectory + ".log"))
            process.standardOutput = log
            process.standardError = log
            try process.run()
            let server = ServerProcess(binary: binary, dataDirectory: dataDirectory, port: port, process: process, token: token)
            do {
                try await server.waitUntilReady()
            } catch {
                server.stop()
                throw error
            }
            return server
        } catch {
            try? FileManager.default.removeItem(atPath: dataDirectory)
            throw error
        }
    }

    private func waitUntilReady() async throws {
        let api = BenchmarkClient(base: base, token: token)
        for _ in 0..<600 {
            guard process.isRunning else { throw BenchmarkClient.Failure(description: "the server exited at start:\n\(logTail())") }
            if (try? await api.get("/_healthz/readyz")) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkClient.Failure(description: "the server was not ready within 60 s:\n\(logTail())")
    }

    func logTail() -> String {
        let text = (try? String(contentsOfFile: dataDirectory + ".log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(30).joined(separator: "\n")
    }

    /// SIGTERM, wait for the exit (the server stops its PostgreSQL first), remove the data folder and the log.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: dataDirectory)
        try? FileManager.default.removeItem(atPath: dataDirectory + ".log")
    }

    // MARK: - Memory

    /// The server's resident set now and its peak (`VmRSS`, `VmHWM` of /proc/<pid>/status), in bytes.
    struct Memory {
        var rss: Int64
        var peak: Int64
    }

    func memory() throws -> Memory {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func field(_ name: String) -> Int64? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
            return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int64($0) }.map { $0 * 1024 }
        }
        guard let rss = field("VmRSS"), let peak = field("VmHWM") else { throw BenchmarkClient.Failure(description: "no VmRSS/VmHWM for pid \(pid)") }
        return Memory(rss: rss, peak: peak)
    }

    /// Sets the peak back to the current resident set (`echo 5 > /proc/<pid>/clear_refs`, Linux 4.0+), so the
    /// next phase's peak is its own. False when not allowed; the peak is then the process's since its start.
    @discardableResult
    func resetPeak() -> Bool {
        let fd = open("/proc/\(pid)/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
    }

    // MARK: - Helpers

    /// Runs a `zaakstroom` command to its end; its standard output, or a failure with its output.
    static func runCLI(_ binary: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw BenchmarkClient.Failure(description: "zaakstroom \(arguments.prefix(2).joined(separator: " ")) failed (\(process.terminationStatus)):\n\(text)")
        }
        return text
    }

    /// A port the kernel just handed out on 127.0.0.1 (bound to port 0, then closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchmarkClient.Failure(description: "socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw BenchmarkClient.Failure(description: "bind: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
