extension ReadModels {
    /// After a log is loaded into an empty store (`zaakstroom import`), the counters that number generated
    /// identificaties must start after the highest number the log already issued.
    public static var counterRealignment: [String] {
        [
            ZakenSchema.identificatieRealignment,
            realignment("catalogi.zaaktype_identificatie", prefix: "ZAAKTYPE", table: "catalogi.zaaktypen"),
            realignment("documenten.document_identificatie", prefix: "DOCUMENT", table: "documenten.informatieobjecten"),
            realignment("besluiten.besluit_identificatie", prefix: "BESLUIT", table: "besluiten.besluiten"),
        ]
    }

    /// Moves `sequence` past the highest `<prefix>-<year>-<10 digits>` identificatie in `table`.
    static func realignment(_ sequence: String, prefix: String, table: String) -> String {
        """
        SELECT setval('\(sequence)', greatest(1, coalesce(max(substring(identificatie FROM '^\(prefix)-[0-9]{4}-([0-9]{10})$')::bigint), 0)),
                      max(identificatie) IS NOT NULL)
        FROM \(table) WHERE identificatie ~ '^\(prefix)-[0-9]{4}-[0-9]{10}$'
        """
    }
}
