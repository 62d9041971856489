import PostgresNIO

extension PostgresBindings {
    /// Bindings `$1, $2 …` for queries built as text (table names vary), in the given order.
    public static func of(_ values: any PostgresNonThrowingEncodable...) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { bindings.append(value) }
        return bindings
    }
}
