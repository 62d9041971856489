import EventStore

/// The read models of one schema and the projectors that write them: what `zaakstroom rebuild --projection`
/// rebuilds at once (a shadow schema built from the group's migrations, then swapped in).
public struct ProjectionGroup: Sendable {
    public let name: String
    public let schema: String
    public let projectors: [any InlineProjector]
    /// Everything the schema holds, from nothing: run again to build the shadow schema.
    public let migrations: [Migration]
    /// Tables of the schema that are not built from events (secrets): their rows are carried over at the swap.
    public let keptTables: [String]
    /// Statements that tidy the schema's tables without changing what they say (e.g. folding counter deltas):
    /// run now and then by the server and after a rebuild.
    public let tidying: [String]
    /// Tables whose rows are compared through a query (table → SELECT) rather than row by row, because equal
    /// contents can be stored in different rows (counter deltas before and after tidying).
    public let comparedBy: [String: String]
    /// Builds the group's tables from the whole log in SQL, for a rebuild into an empty schema (nil: replay the
    /// events through `projectors`).
    public let bulk: (any BulkReplay)?

    public init(
        name: String, schema: String, projectors: [any InlineProjector], migrations: [Migration], keptTables: [String] = [],
        tidying: [String] = [], comparedBy: [String: String] = [:], bulk: (any BulkReplay)? = nil
    ) {
        self.name = name
        self.schema = schema
        self.projectors = projectors
        self.migrations = migrations
        self.keptTables = keptTables
        self.tidying = tidying
        self.comparedBy = comparedBy
        self.bulk = bulk
    }

    /// The group without its bulk build: every event replayed through the projectors (slower; for comparison).
    public var replayed: ProjectionGroup {
        ProjectionGroup(
            name: name, schema: schema, projectors: projectors, migrations: migrations, keptTables: keptTables, tidying: tidying, comparedBy: comparedBy)
    }
}

extension ReadModels {
    /// Every projector belongs to exactly one group (a test holds that when projectors are added).
    public static var groups: [ProjectionGroup] {
        [
            ProjectionGroup(name: "autorisaties", schema: "auth", projectors: [ApplicatieProjector()], migrations: AuthSchema.migrations, keptTables: ["jwt_secrets"]),
            ProjectionGroup(name: "catalogi", schema: "catalogi", projectors: CatalogiProjectors.all, migrations: CatalogiSchema.migrations),
            ProjectionGroup(
                name: "zaken", schema: "zaken", projectors: [ZaakProjector()], migrations: ZakenSchema.migrations,
                tidying: [ZakenSchema.countsCompaction], comparedBy: ["zaken.zaak_counts": ZakenSchema.countsCompared], bulk: ZakenBulkReplay()),
            ProjectionGroup(
                name: "documenten", schema: "documenten", projectors: [DocumentProjector()], migrations: DocumentenSchema.migrations,
                bulk: DocumentenBulkReplay()),
            ProjectionGroup(name: "besluiten", schema: "besluiten", projectors: [BesluitProjector()], migrations: BesluitenSchema.migrations, bulk: BesluitenBulkReplay()),
        ]
    }
}
