import ZGWHTTP

/// Authorisation filtering in SQL (zrc-006 and its equivalents): only objects of a type the client holds the
/// read scope for, up to that autorisatie's maximum vertrouwelijkheidaanduiding. The pairs are bound as two
/// arrays, so the query text stays the same for every client (one prepared plan).
enum TypeVisibility {
    /// `row` is the column naming the main object's uuid (the main table's own, or a sub-resource's owner).
    static func restrict(_ filter: inout SQLFilter, to visible: [(type: String, maxRank: Int)]?, table: String, typeColumn: String, row: String) {
        guard let visible else { return }
        let types = filter.bind(visible.map(\.type))
        let ranks = filter.bind(visible.map { Int32($0.maxRank) })
        filter.add(
            """
            EXISTS (SELECT 1 FROM \(table) o WHERE o.uuid = \(row) AND EXISTS (
                SELECT 1 FROM unnest(\(types)::text[], \(ranks)::int[]) AS a(type, max_rank) WHERE a.type = o.\(typeColumn) AND o.vertrouwelijkheid <= a.max_rank))
            """)
    }
}
