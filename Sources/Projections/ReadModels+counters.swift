extension ReadModels {
    /// After a log is loaded into an empty store (`zaakstroom import`), the counters that number generated
    /// identificaties must start after the highest number the log already issued.
    public static var counterRealignment: [String] {
        [
            ZakenSchema.identificatieRealignment,
            """
            SELECT setval('catalogi.zaaktype_identificatie',
                          greatest(1, coalesce(max(substring(identificatie FROM '^ZAAKTYPE-[0-9]{4}-([0-9]{10})$')::bigint), 0)),
                          max(identificatie) IS NOT NULL)
            FROM catalogi.zaaktypen WHERE identificatie ~ '^ZAAKTYPE-[0-9]{4}-[0-9]{10}$'
            """,
        ]
    }
}
