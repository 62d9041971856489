/// Why an export or import stopped. Every case names what to fix; none is a crash.
public enum LogArchiveError: Error, CustomStringConvertible, Equatable {
    case io(String)
    case lz4(String)
    case truncated(String)
    /// A line that is not an event of this format.
    case badLine(line: Int, String)
    /// The file's content does not hash to its chain: altered after export.
    case tampered(line: Int, position: Int64, String)
    case partialExport(stream: String)
    case storeNotEmpty(head: Int64)
    case noSuchStream(String)
    /// The store did not verify after loading (the import is rolled back).
    case notVerified(String)

    public var description: String {
        switch self {
        case .io(let detail): return detail
        case .lz4(let detail): return "LZ4: \(detail)"
        case .truncated(let detail): return "truncated export: \(detail)"
        case .badLine(let line, let detail): return "line \(line): \(detail)"
        case .tampered(let line, let position, let detail):
            return "line \(line) (position \(position)): \(detail); the export was altered after it was written, nothing was imported"
        case .partialExport(let stream):
            return "this is a partial export (stream \(stream)): its events are not the whole hash chain, so it cannot become a store's log; "
                + "import needs an export made with --all (a partial export is for reading and checking, see the README)"
        case .storeNotEmpty(let head):
            return "the store is not empty (its log has \(head) events): import loads into an empty store only"
        case .noSuchStream(let stream): return "no stream \(stream) in the log"
        case .notVerified(let detail): return "the imported log did not verify (\(detail)); nothing was imported"
        }
    }
}
