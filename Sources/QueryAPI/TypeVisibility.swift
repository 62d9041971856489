import ZGWHTTP

/// Authorisation filtering in SQL (zrc-006 and its equivalents): only objects of a type the client holds the
/// read scope for, up to that autorisatie's maximum vertrouwelijkheidaanduiding.
enum TypeVisibility {
    /// `row` is the column naming the main object's uuid (the main table's own, or a sub-resource's owner).
    /// On the main table itself the condition reads the row's own columns, unqualified, so it also holds on a
    /// table with those columns (the zaak counts).
    static func restrict(_ filter: inout SQLFilter, to visible: [(type: String, maxRank: Int)]?, table: String, typeColumn: String, row: String) {
        guard let visible else { return }
        let test = condition(&filter, visible: visible, typeColumn: typeColumn)
        filter.add(row == "\(table).uuid" ? test("") : "EXISTS (SELECT 1 FROM \(table) o WHERE o.uuid = \(row) AND \(test("o.")))")
    }

    /// Binds the visible types in `filter` and returns the condition for the columns behind a prefix (`""`, `"o."`).
    /// The types are grouped by their highest rank, one `type = ANY(array) AND rank <=` test per group (PostgreSQL
    /// hashes the array; a client's autorisaties rarely have more than two ranks).
    static func condition(_ filter: inout SQLFilter, visible: [(type: String, maxRank: Int)], typeColumn: String) -> @Sendable (String) -> String {
        var highest: [String: Int] = [:]
        for (type, rank) in visible { highest[type] = max(highest[type] ?? rank, rank) }
        let byRank = Dictionary(grouping: highest, by: \.value).sorted { $0.key < $1.key }
        guard !byRank.isEmpty else { return { _ in "false" } }
        let groups = byRank.map { rank, entries in (types: filter.bind(entries.map(\.key).sorted()), rank: rank) }
        return { prefix in
            let tests = groups.map { "(\(prefix)\(typeColumn) = ANY(\($0.types)::text[]) AND \(prefix)vertrouwelijkheid <= \($0.rank))" }
            return tests.count == 1 ? tests[0] : "(" + tests.joined(separator: " OR ") + ")"
        }
    }
}
