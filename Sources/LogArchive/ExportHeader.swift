/// The first line of an export: what it holds. `head_*` is the log head when it was written, so an auditor
/// holding a partial export can compare it with the live log's head (`zaakstroom verify` prints it).
struct ExportHeader: Codable, Equatable {
    static let formatName = "zaakstroom-log"
    static let currentVersion = 1

    var format = formatName
    var formatVersion = currentVersion
    /// `all` (the whole log, importable) or `stream` (one stream's events, for reading and checking).
    var scope: String
    var stream: String?
    var headPosition: Int64
    var headHash: String
    var exportedAt: String

    enum CodingKeys: String, CodingKey {
        case format, formatVersion = "format_version", scope, stream, headPosition = "head_position", headHash = "head_hash"
        case exportedAt = "exported_at"
    }
}
