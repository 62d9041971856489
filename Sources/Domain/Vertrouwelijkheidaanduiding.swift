/// Confidentiality levels of the standard, ordered from low to high; compared by rank.
public enum Vertrouwelijkheidaanduiding: String, Codable, Sendable, CaseIterable, Comparable {
    case openbaar, beperktOpenbaar = "beperkt_openbaar", intern, zaakvertrouwelijk, vertrouwelijk, confidentieel, geheim
    case zeerGeheim = "zeer_geheim"

    /// 0 for `openbaar` up to 7 for `zeer_geheim`.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
