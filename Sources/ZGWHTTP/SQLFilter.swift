import PostgresNIO

/// Builds the WHERE clause of a list query from optional filters, with every value bound as a parameter.
public struct SQLFilter: Sendable {
    public internal(set) var conditions: [String] = []
    public internal(set) var bindings = PostgresBindings()

    public init() {}

    /// Adds `column = value` when `value` is given.
    public mutating func equals(_ column: String, _ value: String?) {
        guard let value else { return }
        bindings.append(value)
        conditions.append("\(column) = $\(bindings.count)")
    }

    /// Adds `column = ANY(values)` when `values` are given.
    public mutating func isIn(_ column: String, _ values: [String]?) {
        guard let values else { return }
        bindings.append(values)
        conditions.append("\(column) = ANY($\(bindings.count))")
    }

    public var whereClause: String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    /// `SELECT count(*)` and one page of `select` (by default `representation::text`) from `table`, in `order`.
    /// The page's rows are found first, by `key` (`ctid` by default: every table has it, and fetching by it is a
    /// TID scan whatever the table's indexes; a column an index-only scan can serve is cheaper), and only theirs
    /// turned into text: a representation is not rendered for every row an OFFSET skips. `select` may name the
    /// table as `alias`.
    public func page(
        from table: String, order: String, page: PageRequest, select: String = "representation::text", key: String = "ctid", alias: String = "t"
    ) -> (count: PostgresQuery, rows: PostgresQuery) {
        var rowBindings = bindings
        rowBindings.append(Int64(page.size))
        rowBindings.append(Int64(page.offset))
        let count = PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)\(whereClause)", binds: bindings)
        let rows = PostgresQuery(
            unsafeSQL: """
                WITH page AS MATERIALIZED (
                    SELECT \(key) AS row FROM \(table)\(whereClause) ORDER BY \(order) LIMIT $\(rowBindings.count - 1) OFFSET $\(rowBindings.count))
                SELECT \(select) FROM \(table) AS \(alias) WHERE \(alias).\(key) = ANY(ARRAY(SELECT row FROM page)) ORDER BY \(order)
                """,
            binds: rowBindings)
        return (count, rows)
    }
}

extension SQLFilter {
    /// Adds a condition on one bound value; `condition` gets the placeholder (`$3`) to use.
    public mutating func add<Value: PostgresNonThrowingEncodable & Sendable>(_ value: Value?, _ condition: (String) -> String) {
        guard let value else { return }
        bindings.append(value)
        conditions.append(condition("$\(bindings.count)"))
    }

    /// Adds a condition without values.
    public mutating func add(_ condition: String) {
        conditions.append(condition)
    }
}

extension SQLFilter {
    /// A filter for a subquery whose placeholders continue after `parent`'s; merge it back with `adopt`.
    public init(startingAt parent: SQLFilter) {
        self.init()
        bindings = parent.bindings
    }

    /// Adds the subquery filter's conditions, wrapped (`wrap` gets its WHERE clause), when it has any.
    public mutating func adopt(_ sub: SQLFilter, _ wrap: (String) -> String) {
        guard !sub.conditions.isEmpty else { return }
        bindings = sub.bindings
        conditions.append(wrap(sub.whereClause))
    }
}

extension SQLFilter {
    /// Binds a value for use in a condition added later; returns its placeholder (`$4`).
    public mutating func bind<Value: PostgresNonThrowingEncodable & Sendable>(_ value: Value) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }
}
