import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash points for tests that prove atomicity by killing the process in the middle of a write.
/// `ZAAKSTROOM_FAILPOINT=kill-after-append:<event type>[,<event type>…]` makes the process SIGKILL itself right
/// after appending an event of that type inside a transaction, before anything else of that transaction (a
/// mirrored relation in another stream, the commit) happens. Unset in normal operation: then this costs one
/// set lookup per append.
enum Failpoint {
    static let killAfterAppend: Set<String> = {
        guard let value = ProcessInfo.processInfo.environment["ZAAKSTROOM_FAILPOINT"], value.hasPrefix("kill-after-append:") else { return [] }
        return Set(value.dropFirst("kill-after-append:".count).split(separator: ",").map(String.init))
    }()

    static func afterAppend(_ types: [String]) {
        guard !killAfterAppend.isEmpty, types.contains(where: killAfterAppend.contains) else { return }
        kill(getpid(), SIGKILL)
    }
}
