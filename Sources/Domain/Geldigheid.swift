/// A validity period `begin...einde` (inclusive; open-ended without `einde`), as versions of catalogus types
/// have them.
public struct Geldigheid: Sendable, Equatable {
    public var begin: ZGWDate
    public var einde: ZGWDate?

    public init(begin: ZGWDate, einde: ZGWDate?) {
        self.begin = begin
        self.einde = einde
    }

    /// True when both periods share at least one day.
    public func overlaps(_ other: Geldigheid) -> Bool {
        let startsBeforeOtherEnds = other.einde.map { begin <= $0 } ?? true
        let otherStartsBeforeThisEnds = einde.map { other.begin <= $0 } ?? true
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds
    }
}
