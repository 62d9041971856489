import EventStore

/// Read models of the Catalogi API (schema `catalogi`): per resource the columns filters need, and the
/// ready-to-serve JSON (`representation`, with our URLs behind `ResourceURL.marker`).
public enum CatalogiSchema {
    public static let migrations: [Migration] = [
        Migration(
            id: "catalogi-0001-catalogussen",
            statements: [
                "CREATE SCHEMA IF NOT EXISTS catalogi",
                """
                CREATE TABLE catalogi.catalogussen (
                    uuid uuid PRIMARY KEY,
                    domein text NOT NULL,
                    rsin text NOT NULL,
                    representation jsonb NOT NULL,
                    stream_version bigint NOT NULL,
                    created_position bigint GENERATED ALWAYS AS IDENTITY)
                """,
                "CREATE INDEX catalogussen_domein ON catalogi.catalogussen (domein)",
                "CREATE INDEX catalogussen_rsin ON catalogi.catalogussen (rsin)",
            ]
        ),
        Migration(
            id: "catalogi-0002-informatieobjecttypen",
            statements: [
                typeTable("informatieobjecttypen", keyColumn: "omschrijving"),
                versionIndex("informatieobjecttypen", keyColumn: "omschrijving"),
            ]
        ),
        Migration(
            id: "catalogi-0003-besluittypen",
            statements: [
                typeTable("besluittypen", keyColumn: "omschrijving"),
                versionIndex("besluittypen", keyColumn: "omschrijving"),
                // Which informatieobjecttypen a besluittype names; both sides' representations list the other.
                """
                CREATE TABLE catalogi.besluittype_informatieobjecttypen (
                    besluittype uuid NOT NULL,
                    informatieobjecttype uuid NOT NULL,
                    ordering integer NOT NULL,
                    PRIMARY KEY (besluittype, informatieobjecttype))
                """,
                "CREATE INDEX besluittype_informatieobjecttypen_iot ON catalogi.besluittype_informatieobjecttypen (informatieobjecttype)",
            ]
        ),
        Migration(
            id: "catalogi-0004-zaaktypen",
            statements: [
                typeTable("zaaktypen", keyColumn: "identificatie"),
                versionIndex("zaaktypen", keyColumn: "identificatie"),
                // Which besluittypen a zaaktype names; both sides' representations list the other.
                """
                CREATE TABLE catalogi.zaaktype_besluittypen (
                    zaaktype uuid NOT NULL,
                    besluittype uuid NOT NULL,
                    ordering integer NOT NULL,
                    PRIMARY KEY (zaaktype, besluittype))
                """,
                "CREATE INDEX zaaktype_besluittypen_besluittype ON catalogi.zaaktype_besluittypen (besluittype)",
                // Numbers for generated identificaties (ZAAKTYPE-2026-0000000001); the number is recorded in the event.
                "CREATE SEQUENCE catalogi.zaaktype_identificatie",
            ]
        ),
        Migration(
            id: "catalogi-0005-statustypen-roltypen",
            statements: [subTypeTable("statustypen"), subTypeIndex("statustypen"), subTypeTable("roltypen"), subTypeIndex("roltypen")]
        ),
        Migration(
            id: "catalogi-0006-zaaktype-informatieobjecttypen",
            statements: [
                subTypeTable("zaaktype_informatieobjecttypen"), subTypeIndex("zaaktype_informatieobjecttypen"),
                "CREATE INDEX zaaktype_informatieobjecttypen_related ON catalogi.zaaktype_informatieobjecttypen (related)",
            ]
        ),
        Migration(
            id: "catalogi-0007-eigenschappen-zaakobjecttypen",
            statements: [subTypeTable("eigenschappen"), subTypeIndex("eigenschappen"), subTypeTable("zaakobjecttypen"), subTypeIndex("zaakobjecttypen")]
        ),
        Migration(id: "catalogi-0008-resultaattypen", statements: [subTypeTable("resultaattypen"), subTypeIndex("resultaattypen")]),
    ]

    /// The table of one catalogus type: the columns `CatalogusTypeProjector` writes and the filters read.
    /// Released migrations use it: change it only together with a new migration.
    static func typeTable(_ name: String, keyColumn: String) -> String {
        """
        CREATE TABLE catalogi.\(name) (
            uuid uuid PRIMARY KEY,
            catalogus uuid NOT NULL,
            \(keyColumn) text NOT NULL,
            concept boolean NOT NULL,
            begin_geldigheid date NOT NULL,
            einde_geldigheid date,
            representation jsonb NOT NULL,
            stream_version bigint NOT NULL,
            created_position bigint GENERATED ALWAYS AS IDENTITY)
        """
    }

    static func versionIndex(_ name: String, keyColumn: String) -> String {
        "CREATE INDEX \(name)_versions ON catalogi.\(name) (catalogus, \(keyColumn), begin_geldigheid)"
    }

    /// The table of one zaaktype sub-type (statustypen, roltypen …). `omschrijving` holds the sub-type's main text
    /// (omschrijving, naam, richting); `related` the other type it links to (the informatieobjecttype of a
    /// zaaktype-informatieobjecttype). Released migrations use it.
    static func subTypeTable(_ name: String) -> String {
        """
        CREATE TABLE catalogi.\(name) (
            uuid uuid PRIMARY KEY,
            zaaktype uuid NOT NULL,
            omschrijving text NOT NULL,
            omschrijving_generiek text NOT NULL,
            volgnummer integer,
            related uuid,
            representation jsonb NOT NULL,
            stream_version bigint NOT NULL,
            created_position bigint GENERATED ALWAYS AS IDENTITY)
        """
    }

    static func subTypeIndex(_ name: String) -> String {
        "CREATE INDEX \(name)_zaaktype ON catalogi.\(name) (zaaktype)"
    }
}
