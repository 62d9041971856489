import ArgumentParser
import AsyncHTTPClient
import BenchmarkSupport
import Crypto
import Domain
import Foundation
import NIOCore
import NIOHTTP1

/// Large documents through the Documenten API of the real server (`zaakstroom serve` as a child process, on its
/// own embedded PostgreSQL): the bestandsdelen upload (create with `bestandsomvang`, PUT every part as
/// multipart/form-data, unlock merges) and one POST whose JSON streams the base64 `inhoud`; each document is
/// downloaded and checked (size and sha256). Bodies are generated on the fly and streamed both ways, so neither
/// side needs the document in memory; the server's resident set (/proc/<pid>/status) is read around each phase.
@main
struct DocumentenBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "DocumentenBenchmark", abstract: "Documenten API: large uploads and downloads, server memory.")

    @Option(help: "Document size in MiB.") var megabytes = 1024
    @Option(help: "Bestandsdelen part size in MiB (the server's ZAAKSTROOM_UPLOAD_CHUNK_SIZE).") var chunkMegabytes = 256
    @Option(help: "Runs of each flow; the table has the medians.") var runs = 3
    @Option(help: "The zaakstroom binary (default: the one next to this executable).") var server: String?

    func run() async throws {
        let size = Int64(megabytes) << 20
        let process = try await ServerProcess.start(binary: server ?? ServerProcess.defaultBinary(), uploadChunkSize: Int64(chunkMegabytes) << 20)
        let verified: Bool
        do {
            verified = try await Self.measure(process, size: size, runs: runs, chunkMegabytes: chunkMegabytes)
        } catch {
            print("failed: \(error)\nserver log:\n\(process.logTail())")
            process.stop()
            throw ExitCode.failure
        }
        process.stop()
        if !verified { throw ExitCode.failure }
    }

    static func measure(_ process: ServerProcess, size: Int64, runs: Int, chunkMegabytes: Int) async throws -> Bool {
        let flows = DocumentFlows(api: BenchmarkClient(base: process.base, token: process.token), server: process)
        try await flows.setUp()
        let start = try process.memory()
        let canReset = process.resetPeak()
        print("server pid \(process.pid) on \(process.base); RSS at start \(mebibytes(start.rss)); \(ProcessInfo.processInfo.activeProcessorCount) cores"
              + (canReset ? "" : "; cannot reset VmHWM, peaks are since the server's start"))
        var results: [Phase: [PhaseResult]] = [:]
        var verified = true
        for run in 1...runs {
            for flow in [Flow.bestandsdelen, .base64] {
                // A new document each time: identical bytes would be deduplicated by the store and skip the fsync.
                let document = GeneratedDocument(seed: UInt64(run) << 8 | UInt64(flow == .bestandsdelen ? 1 : 2), size: size)
                let expected = document.sha256()
                let phases = try await flow == .bestandsdelen ? flows.bestandsdelen(document) : flows.base64(document)
                for (phase, result) in phases {
                    results[phase, default: []].append(result)
                    print("run \(run) \(phase.name): \(seconds(result.seconds)) s, \(rate(size, result.seconds)) MiB/s, "
                          + "RSS \(mebibytes(result.before.rss)) -> \(mebibytes(result.after.rss)), peak +\(mebibytes(result.growth))")
                }
                let downloaded = phases.last!.1
                if downloaded.size != size || downloaded.sha256 != expected {
                    print("VERIFICATION FAILED: \(flow) run \(run): got \(downloaded.size ?? -1) bytes sha256 \(downloaded.sha256 ?? "-"), sent \(size) bytes sha256 \(expected)")
                    verified = false
                }
            }
        }
        print("")
        print("\(megabytes: size) document, bestandsdelen of \(chunkMegabytes) MiB (\((size + (Int64(chunkMegabytes) << 20) - 1) / (Int64(chunkMegabytes) << 20)) parts), \(runs) runs; "
              + "RSS before = first run, after = last run, peak growth = the largest over the runs of (VmHWM during the phase - VmRSS at its start)")
        print("")
        print("| flow | size | phase | median time | MiB/s | server RSS before | server RSS after | peak RSS growth |")
        print("|---|---|---|---:|---:|---:|---:|---:|")
        for phase in Phase.allCases {
            guard let samples = results[phase], let first = samples.first, let last = samples.last else { continue }
            let median = Percentiles(samples.map(\.seconds)).median
            print("| \(phase.flow.name) | \(megabytes: size) | \(phase.step) | \(seconds(median)) s | \(rate(size, median)) | \(mebibytes(first.before.rss)) "
                  + "| \(mebibytes(last.after.rss)) | \(mebibytes(samples.map(\.growth).max() ?? 0)) |")
        }
        print(verified ? "\nevery download matched what was sent (size and sha256)" : "\nVERIFICATION FAILED")
        return verified
    }
}

enum Flow: Equatable {
    case bestandsdelen, base64

    var name: String { self == .bestandsdelen ? "A: bestandsdelen" : "B: base64 JSON" }
}

enum Phase: CaseIterable {
    case partsUpload, unlock, partsDownload, jsonPost, jsonDownload

    var flow: Flow { [.partsUpload, .unlock, .partsDownload].contains(self) ? .bestandsdelen : .base64 }
    var step: String {
        switch self {
        case .partsUpload: return "PUT parts"
        case .unlock: return "unlock (merge)"
        case .partsDownload, .jsonDownload: return "download + verify"
        case .jsonPost: return "POST inhoud"
        }
    }
    var name: String { "\(flow.name), \(step)" }
}

struct PhaseResult {
    var seconds: Double
    var before: ServerProcess.Memory
    var after: ServerProcess.Memory
    /// For a download: what arrived.
    var size: Int64?
    var sha256: String?

    /// How far the peak rose above the resident set at the phase's start.
    var growth: Int64 { max(0, after.peak - before.rss) }
}

func mebibytes(_ bytes: Int64) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
func seconds(_ value: Double) -> String { String(format: "%.2f", value) }
func rate(_ bytes: Int64, _ seconds: Double) -> String { String(format: "%.0f", Double(bytes) / 1_048_576 / seconds) }

extension DefaultStringInterpolation {
    mutating func appendInterpolation(megabytes bytes: Int64) {
        appendLiteral(bytes % (1 << 30) == 0 ? "\(bytes >> 30) GiB" : "\(bytes >> 20) MiB")
    }
}
