import AsyncHTTPClient
import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `zaakstroom` binary, as a user would.
@Suite("Embedded mode: serve without DATABASE_URL")
struct EmbeddedModeTests {
    /// The built executable, next to the test bundle in the build folder.
    static var binary: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("zaakstroom").path
    }

    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        environment["ZAAKSTROOM_DATA_DIR"] = nil
        return environment
    }

    func waitUntilReady(port: Int, process: ChildProcess) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline {
            if let status = await process.waitForExit(timeout: .zero) {
                Issue.record("server exited with \(status): \(process.output)")
                return false
            }
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/_healthz/readyz")
            request.method = .GET
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)), response.status == .ok {
                return true
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    func postmasterIsRunning(dataDirectory: String) -> Bool {
        guard let pidFile = try? String(contentsOfFile: "\(dataDirectory)/pg/postmaster.pid", encoding: .utf8),
            let pid = Int32(pidFile.split(separator: "\n").first ?? "")
        else { return false }
        return kill(pid, 0) == 0
    }

    @Test("serve becomes ready, restarts onto the same data, and leaves no PostgreSQL process after SIGTERM")
    func serveOnEmbeddedPostgres() async throws {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the zaakstroom executable first")
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("zaakstroom-embedded-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let port = Int.random(in: 20_000..<40_000)
        let arguments = [binary, "serve", "--data-dir", dataDirectory, "--port", "\(port)"]

        // First start: initialises the cluster.
        let first = try ChildProcess(arguments, environment: Self.environment)
        #expect(try await waitUntilReady(port: port, process: first), "\(first.output)")
        #expect(postmasterIsRunning(dataDirectory: dataDirectory))
        // Some data, written by the CLI onto the running server's database.
        let create = try ChildProcess(
            [binary, "applicatie", "create", "--client-id", "embedded", "--secret", "geheim", "--all", "--data-dir", dataDirectory],
            environment: Self.environment)
        #expect(await create.waitForExit(timeout: .seconds(60)) == 0, "\(create.output)")
        first.signal(SIGTERM)
        #expect(await first.waitForExit(timeout: .seconds(60)) == 0, "\(first.output)")
        #expect(!postmasterIsRunning(dataDirectory: dataDirectory), "PostgreSQL still runs after SIGTERM")

        // Second start: the same data is there.
        let second = try ChildProcess(arguments, environment: Self.environment)
        #expect(try await waitUntilReady(port: port, process: second), "\(second.output)")
        let tokenProcess = try ChildProcess([binary, "token", "--client-id", "embedded", "--secret", "geheim"], environment: Self.environment)
        #expect(await tokenProcess.waitForExit(timeout: .seconds(30)) == 0)
        let token = tokenProcess.output.trimmingCharacters(in: .whitespacesAndNewlines)
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/zaken/api/v1/")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status == .ok, "the applicatie created before the restart authenticates after it")
        #expect(response.headers.first(name: "API-version") == "1.5.1")
        second.signal(SIGTERM)
        #expect(await second.waitForExit(timeout: .seconds(60)) == 0, "\(second.output)")
        #expect(!postmasterIsRunning(dataDirectory: dataDirectory), "PostgreSQL still runs after SIGTERM")
    }
}
