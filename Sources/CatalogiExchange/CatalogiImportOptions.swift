/// How a catalogi import treats the file (the flags of `zaakstroom catalogi import`).
public struct CatalogiImportOptions: Sendable, Equatable {
    /// Import into this existing catalogus (uuid or URL): every catalogus reference of the file points to it,
    /// and the file's Catalogus.json, if any, is reused rather than created.
    public var catalogus: String?
    /// Give every created object a fresh uuid (references follow); without it uuids are kept.
    public var newUUIDs: Bool
    /// Prefix every zaaktype's identificatie: `<prefix>_<identificatie>`, as Open Zaak's zaaktype import does.
    public var identificatiePrefix: String?
    /// Report what would happen and write nothing.
    public var dryRun: Bool
    /// Publish the types the file has as published (`concept: false`), when they pass the publish rules.
    public var publish: Bool
    /// Informatieobjecttypen of the file (uuid or URL) to replace by existing ones of ours (uuid or URL).
    public var informatieobjecttypeMappings: [String: String]
    /// The same for besluittypen.
    public var besluittypeMappings: [String: String]

    public init(
        catalogus: String? = nil, newUUIDs: Bool = false, identificatiePrefix: String? = nil, dryRun: Bool = false, publish: Bool = false,
        informatieobjecttypeMappings: [String: String] = [:], besluittypeMappings: [String: String] = [:]
    ) {
        self.catalogus = catalogus
        self.newUUIDs = newUUIDs
        self.identificatiePrefix = identificatiePrefix
        self.dryRun = dryRun
        self.publish = publish
        self.informatieobjecttypeMappings = informatieobjecttypeMappings
        self.besluittypeMappings = besluittypeMappings
    }

    /// `OLD=EXISTING` (a flag's value) as a pair; nil when it has no `=`.
    public static func mapping(_ text: String) -> (old: String, existing: String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let old = String(text[..<equals]), existing = String(text[text.index(after: equals)...])
        guard !old.isEmpty, !existing.isEmpty else { return nil }
        return (old, existing)
    }
}

/// Why an import could not even be planned (bad options); a file's objects that fail are refusals instead.
public struct CatalogiImportError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
