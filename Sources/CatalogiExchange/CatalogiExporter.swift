import Domain
import Foundation
import PostgresNIO

/// Writes a catalogus, or one zaaktype, in Open Zaak's export format, from the read models: each object as
/// `GET` serves it (absolute URLs under `baseURL`, read-only fields included).
public struct CatalogiExporter: Sendable {
    public enum Scope: Sendable, Equatable {
        /// The catalogus with all its types and their parts.
        case catalogus(UUID)
        /// One zaaktype with its parts, its besluittypen and informatieobjecttypen; no Catalogus.json.
        case zaaktype(UUID)
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notFound(String)
        public var description: String {
            switch self { case .notFound(let what): "no such \(what)" }
        }
    }

    let client: PostgresClient
    let baseURL: String

    public init(client: PostgresClient, baseURL: String) {
        self.client = client
        self.baseURL = baseURL
    }

    /// The ZIP's bytes.
    public func zipData(_ scope: Scope) async throws -> Data {
        try await archive(scope).zipData()
    }

    public func archive(_ scope: Scope) async throws -> CatalogiArchive {
        var archive = CatalogiArchive()
        switch scope {
        case .catalogus(let catalogus):
            archive.objects[.catalogus] = try await rows(.catalogus, "uuid = $1", catalogus)
            guard archive.objects[.catalogus]?.isEmpty == false else { throw Failure.notFound("catalogus \(catalogus.uuidString.lowercased())") }
            for resource in [CatalogiResource.informatieObjectType, .besluitType, .zaakType] {
                archive.objects[resource] = try await rows(resource, "catalogus = $1", catalogus)
            }
            for resource in CatalogiResource.allCases where resource.isZaakTypePart {
                archive.objects[resource] = try await rows(resource, "zaaktype IN (SELECT uuid FROM catalogi.zaaktypen WHERE catalogus = $1)", catalogus)
            }
        case .zaaktype(let zaaktype):
            archive.objects[.zaakType] = try await rows(.zaakType, "uuid = $1", zaaktype)
            guard archive.objects[.zaakType]?.isEmpty == false else { throw Failure.notFound("zaaktype \(zaaktype.uuidString.lowercased())") }
            for resource in CatalogiResource.allCases where resource.isZaakTypePart {
                archive.objects[resource] = try await rows(resource, "zaaktype = $1", zaaktype)
            }
            // The besluittypen the zaaktype and its resultaattypen name; the informatieobjecttypen of its
            // zaaktype-informatieobjecttypen, besluittypen and resultaattypen: what its references need.
            archive.objects[.besluitType] = try await rows(.besluitType, "uuid = ANY($1)", referenced(archive, .besluitType))
            archive.objects[.informatieObjectType] = try await rows(.informatieObjectType, "uuid = ANY($1)", referenced(archive, .informatieObjectType))
        }
        // Open Zaak writes these as [] and rebuilds the link from ZaakType.besluittypen.
        archive.objects[.besluitType] = archive.objects[.besluitType]?.map { var type = $0; type["zaaktypen"] = .array([]); return type }
        return archive
    }

    /// The uuids of `resource` that the archive's objects reference.
    private func referenced(_ archive: CatalogiArchive, _ resource: CatalogiResource) -> [UUID] {
        var uuids: [UUID] = []
        for (owner, objects) in archive.objects.sorted(by: { $0.key < $1.key }) {
            let fields = owner.references.filter { $0.target == resource }.map(\.field)
            for object in objects {
                for field in fields {
                    let values = object[field].map { $0.array ?? [$0] } ?? []
                    for value in values {
                        if let uuid = value.text.flatMap(CatalogiReference.init(url:))?.uuid, !uuids.contains(uuid) { uuids.append(uuid) }
                    }
                }
            }
        }
        return uuids
    }

    private func rows(_ resource: CatalogiResource, _ condition: String, _ value: some PostgresEncodable & Sendable) async throws -> [[String: JSONValue]] {
        var bindings = PostgresBindings()
        try bindings.append(value)
        let query = PostgresQuery(unsafeSQL: "SELECT representation::text FROM \(resource.table) WHERE \(condition) ORDER BY created_position", binds: bindings)
        var objects: [[String: JSONValue]] = []
        for try await stored in try await client.query(query).decode(String.self) {
            guard case .object(let object) = try JSONParser.parse(ResourceURL.render(stored, baseURL: baseURL)) else { continue }
            objects.append(object)
        }
        return objects
    }
}
