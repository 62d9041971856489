import Hummingbird
import NIOCore

extension ResponseBody {
    /// A body of `chunks` (a large file), written with backpressure: the loop that pulls the chunks and hands them
    /// to the writer runs on the connection's event loop.
    ///
    /// Why: `ResponseBody(asyncSequence:)` writes from a task on the global executor. Each write then reaches the
    /// channel through `eventLoop.execute`, and the writer only stops when the channel reports itself unwritable;
    /// but a write still queued on the event loop is not in the channel's outbound buffer yet, so it does not count
    /// towards writability. When the chunks come faster than the event loop writes them to the socket (a file in
    /// the page cache, a fast local client), the queue grows with the file: the Documenten benchmark saw the
    /// server's peak resident set rise by up to 92 MiB during one 1 GiB download. On the event loop each write
    /// goes straight into the pipeline, writability is exact, and at most about one chunk beyond the channel's
    /// high-water mark is buffered. Reading the chunks (pread on the thread pool) still happens off the loop.
    public static func streaming<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, on eventLoop: any EventLoop) -> ResponseBody
    where Chunks.Element == ByteBuffer {
        let executor = EventLoopTaskExecutor(eventLoop)
        return ResponseBody { writer in
            try await withTaskExecutorPreference(executor) {
                for try await chunk in chunks { try await writer.write(chunk) }
            }
            try await writer.finish(nil)
        }
    }
}

/// Runs a task's jobs on one NIO event loop, for `withTaskExecutorPreference`. Only for code that never blocks.
public final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
