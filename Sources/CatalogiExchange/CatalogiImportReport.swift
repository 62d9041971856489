/// What an import does, or would do: every object of the file is created, reused (mapped onto an existing
/// object) or refused, each refusal with its field and code. Written before anything is committed; a dry run
/// stops there.
public struct CatalogiImportReport: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        /// `ZaakType`: the file's resource name.
        public var resource: String
        /// The object's `url` in the file.
        public var source: String
        /// Its URL here.
        public var url: String
        /// identificatie, omschrijving or naam, to recognise it by.
        public var label: String
        /// For types: whether it stays a concept.
        public var concept: Bool?
    }

    public struct Refusal: Codable, Sendable, Equatable {
        public var resource: String
        public var source: String
        public var label: String
        /// The field (camelCase, dotted) or `nonFieldErrors`.
        public var field: String
        public var code: String
        public var reason: String
    }

    public var dryRun: Bool
    /// True once the objects are committed.
    public var imported: Bool
    public var created: [Item] = []
    public var reused: [Item] = []
    public var refused: [Refusal] = []
    /// With `--publish`: types the file had published that stay concepts, and why.
    public var notPublished: [Refusal] = []

    /// Plain lines for the command line.
    public var lines: [String] {
        var lines: [String] = []
        for item in created { lines.append("create  \(item.resource) \(item.label) \(item.url)\(item.concept == true ? " (concept)" : "")") }
        for item in reused { lines.append("reuse   \(item.resource) \(item.label) \(item.url) for \(item.source)") }
        for refusal in notPublished { lines.append("concept \(refusal.resource) \(refusal.label): \(refusal.field) \(refusal.code): \(refusal.reason)") }
        for refusal in refused { lines.append("refuse  \(refusal.resource) \(refusal.label) \(refusal.source): \(refusal.field) \(refusal.code): \(refusal.reason)") }
        return lines
    }
}
