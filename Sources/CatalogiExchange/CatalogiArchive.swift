import Domain
import Foundation
import ZIPFoundation

/// A Catalogi export as Open Zaak 1.30 writes it: a ZIP with one `<Resource>.json` per resource present, each a
/// JSON array of the API representation with snake_case keys. Here the objects are kept with the API's
/// camelCase keys; the case is converted when reading and writing.
public struct CatalogiArchive: Sendable, Equatable {
    /// Per resource, its objects in file order (camelCase keys).
    public var objects: [CatalogiResource: [[String: JSONValue]]]

    public init(objects: [CatalogiResource: [[String: JSONValue]]] = [:]) {
        self.objects = objects
    }

    /// Every object, resource by resource in Open Zaak's import order.
    public var count: Int { objects.values.reduce(0) { $0 + $1.count } }

    /// Reads an export. Stored and deflated entries are accepted, at the root or inside one top-level folder
    /// (as a ZIP made by hand from an unpacked export has them); folder entries and macOS' `__MACOSX/` metadata
    /// are skipped. Anything else is refused: an empty or unrecognised file is never an empty import.
    public static func read(_ data: Data) throws(CatalogiArchiveError) -> CatalogiArchive {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw .notAZip }
        var files: [(path: String, entry: Entry)] = []
        for entry in archive where entry.type == .file {
            let path = entry.path
            if path.hasPrefix("__MACOSX/") || path.split(separator: "/").last?.hasPrefix("._") == true { continue }
            files.append((path, entry))
        }
        // Every file at the root, or every file in one top-level folder.
        let folders = Set(files.map { $0.path.split(separator: "/").dropLast().joined(separator: "/") })
        guard folders.count <= 1, !(folders.first ?? "").contains("/") else {
            throw .ambiguousLayout("the files are not in one top-level folder (\(folders.sorted().joined(separator: ", ")))")
        }
        let folder = folders.first ?? ""
        var result = CatalogiArchive()
        var unknown: [String] = []
        for (path, entry) in files {
            let name = String(path.dropFirst(folder.isEmpty ? 0 : folder.count + 1))
            guard let resource = CatalogiResource.allCases.first(where: { $0.fileName == name }) else {
                unknown.append(path)
                continue
            }
            guard result.objects[resource] == nil else { throw .ambiguousLayout("\(name) occurs twice") }
            var bytes = Data()
            do {
                _ = try archive.extract(entry) { bytes.append($0) }
            } catch {
                throw .invalidEntry(file: path, reason: "it cannot be unpacked (\(error))")
            }
            result.objects[resource] = try objects(in: bytes, file: path)
        }
        if !unknown.isEmpty { throw .unknownEntries(unknown.sorted()) }
        guard result.count > 0 else { throw .empty }
        return result
    }

    private static func objects(in bytes: Data, file: String) throws(CatalogiArchiveError) -> [[String: JSONValue]] {
        let value: JSONValue
        do { value = try JSONParser.parse(String(decoding: bytes, as: UTF8.self)) } catch { throw .invalidEntry(file: file, reason: error.reason) }
        guard case .array(let items) = value else { throw .invalidEntry(file: file, reason: "the top level is not an array") }
        var objects: [[String: JSONValue]] = []
        for (index, item) in items.enumerated() {
            guard case .object = item, case .object(let object) = KeyCase.converting(item, KeyCase.camel) else {
                throw .invalidEntry(file: file, reason: "item \(index) is not an object")
            }
            if JSONValue.object(object).containsNUL { throw .invalidEntry(file: file, reason: "item \(index) holds a NUL character") }
            objects.append(object)
        }
        return objects
    }

    /// The ZIP as Open Zaak writes it: stored (uncompressed) root entries, only for resources with objects,
    /// each a JSON array with snake_case keys.
    public func zipData() throws -> Data {
        let archive = try Archive(accessMode: .create)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for resource in CatalogiResource.allCases {
            guard let items = objects[resource], !items.isEmpty else { continue }
            let snake = JSONValue.array(items.map { KeyCase.converting(.object($0), KeyCase.snake) })
            let bytes = try encoder.encode(snake)
            try archive.addEntry(with: resource.fileName, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .none) { position, size in
                bytes.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            }
        }
        guard let data = archive.data else { throw CatalogiArchiveError.notAZip }
        return data
    }
}
