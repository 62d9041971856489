/// Why a file is not a Catalogi export. Nothing is imported from such a file.
public enum CatalogiArchiveError: Error, Equatable, CustomStringConvertible {
    /// Not a ZIP archive (or a damaged one).
    case notAZip
    /// A ZIP without any `<Resource>.json` entry.
    case empty
    /// Entries that are not one of the ten resource files (Open Zaak's importer would skip them silently).
    case unknownEntries([String])
    /// Entries in more than one folder, or a resource file twice.
    case ambiguousLayout(String)
    /// An entry that is not a JSON array of objects.
    case invalidEntry(file: String, reason: String)

    public var description: String {
        switch self {
        case .notAZip: "the file is not a ZIP archive"
        case .empty: "the ZIP holds no Catalogi export: none of Catalogus.json, InformatieObjectType.json, BesluitType.json, ZaakType.json, … was found"
        case .unknownEntries(let names): "the ZIP holds files that are not part of a Catalogi export: \(names.joined(separator: ", "))"
        case .ambiguousLayout(let reason): "the ZIP's layout is not that of a Catalogi export: \(reason)"
        case .invalidEntry(let file, let reason): "\(file) is not a JSON array of objects: \(reason)"
        }
    }

    /// The problem+json code.
    public var code: String {
        switch self {
        case .notAZip: "invalid-zip"
        case .empty: "empty-export"
        case .unknownEntries: "unknown-entries"
        case .ambiguousLayout: "invalid-layout"
        case .invalidEntry: "invalid-entry"
        }
    }
}
