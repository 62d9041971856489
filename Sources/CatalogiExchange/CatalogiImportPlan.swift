import CommandAPI
import Domain
import Foundation

/// The objects of a file with their identities here, their references rewritten to our URLs and the order
/// their references impose. Pure: what the store holds comes in through `existing`.
struct CatalogiImportPlan: Sendable {
    var objects: [ImportObject]
    /// Indexes of the objects to create, each after the objects it references.
    var order: [Int] = []
    let baseURL: String

    /// `targetCatalogus` and the mappings are checked against the store by the caller.
    init(
        _ archive: CatalogiArchive, options: CatalogiImportOptions, targetCatalogus: UUID?, mappings: [CatalogiReference: UUID], baseURL: String
    ) {
        self.baseURL = baseURL
        var objects: [ImportObject] = []
        for resource in CatalogiResource.allCases {
            for body in archive.objects[resource] ?? [] { objects.append(ImportObject(resource: resource, body: body)) }
        }
        // Identities: reused (the target catalogus, mapped types) or created (kept or fresh uuid).
        var index: [CatalogiReference: Int] = [:]
        for position in objects.indices {
            guard let reference = objects[position].reference else {
                objects[position].refusals.append(FieldError(
                    name: "url", code: "invalid", reason: "De url is geen URL van een \(objects[position].resource.rawValue) van een Catalogi API."))
                continue
            }
            if index[reference] != nil {
                objects[position].refusals.append(FieldError(name: "url", code: "unique", reason: "Deze url komt meer dan eens voor in het bestand."))
                continue
            }
            index[reference] = position
            if reference.resource == .catalogus, let targetCatalogus {
                objects[position].disposition = .reuse
                objects[position].target = targetCatalogus
            } else if let mapped = mappings[reference] {
                objects[position].disposition = .reuse
                objects[position].target = mapped
            } else if options.newUUIDs {
                objects[position].target = UUID()
            }
        }
        self.objects = objects
        for position in objects.indices where self.objects[position].disposition == .create && self.objects[position].refusals.isEmpty {
            rewrite(position, index: index, targetCatalogus: targetCatalogus, prefix: options.identificatiePrefix)
        }
        order = Self.topologicalOrder(self.objects)
    }

    /// Points the object's references at our URLs: to the object's identity here when the file holds it,
    /// else to the same uuid here (an object we already have, or a broken reference the API rules refuse).
    private mutating func rewrite(_ position: Int, index: [CatalogiReference: Int], targetCatalogus: UUID?, prefix: String?) {
        var object = objects[position]
        func resolved(_ url: String, _ expected: CatalogiResource) -> JSONValue {
            guard let reference = CatalogiReference(url: url), reference.resource == expected else { return .string(url) }
            if expected == .catalogus, let targetCatalogus { return .string(CatalogiReference(resource: .catalogus, uuid: targetCatalogus).url(baseURL: baseURL)) }
            guard let other = index[reference] else { return .string(reference.url(baseURL: baseURL)) }
            if objects[other].disposition == .create, !object.dependencies.contains(other) { object.dependencies.append(other) }
            return .string(CatalogiReference(resource: expected, uuid: objects[other].target).url(baseURL: baseURL))
        }
        for (field, target) in object.resource.references {
            switch object.body[field] {
            case .string(let url)?: object.body[field] = resolved(url, target)
            case .array(let items)?: object.body[field] = .array(items.map { $0.text.map { resolved($0, target) } ?? $0 })
            default: break
            }
        }
        if object.resource == .zaakType { normaliseZaakType(&object, index: index, prefix: prefix) }
        object.body = Self.withoutNulls(object.body)
        objects[position] = object
    }

    /// What differs between Open Zaak's zaaktype representation and a POST body: related zaaktypen that the
    /// file holds follow them, empty bron-groups mean none, and the identificatie may get a prefix.
    private func normaliseZaakType(_ object: inout ImportObject, index: [CatalogiReference: Int], prefix: String?) {
        if case .array(let relaties)? = object.body["gerelateerdeZaaktypen"] {
            object.body["gerelateerdeZaaktypen"] = .array(relaties.map { relatie in
                guard case .object(var fields) = relatie, let url = fields["zaaktype"]?.text, let reference = CatalogiReference(url: url),
                    reference.resource == .zaakType, let other = index[reference]
                else { return relatie }
                fields["zaaktype"] = .string(CatalogiReference(resource: .zaakType, uuid: objects[other].target).url(baseURL: baseURL))
                return .object(fields)
            })
        }
        for group in ["broncatalogus", "bronzaaktype"] {
            if case .object(let fields)? = object.body[group], fields.values.allSatisfy({ $0 == .string("") || $0 == .null }) {
                object.body[group] = .null
            }
        }
        if let prefix, !prefix.isEmpty, let identificatie = object.body["identificatie"]?.text {
            object.body["identificatie"] = .string("\(prefix)_\(identificatie)")
        }
    }

    /// A representation's `null` means "not set", which a POST says by leaving the field out (some fields,
    /// such as `indicatieSpecifiek`, are nullable when read but not when written).
    static func withoutNulls(_ object: [String: JSONValue]) -> [String: JSONValue] {
        object.compactMapValues { value in
            switch value {
            case .null: nil
            case .object(let fields): .object(withoutNulls(fields))
            default: value
            }
        }
    }

    /// Kahn's order over the references between created objects; ties keep Open Zaak's resource order and the
    /// file's order, so each list comes out as it went in. Objects in a reference cycle are left out (refused).
    static func topologicalOrder(_ objects: [ImportObject]) -> [Int] {
        let candidates = objects.indices.filter { objects[$0].disposition == .create && objects[$0].refusals.isEmpty }
        var placed = Set<Int>()
        var order: [Int] = []
        var progress = true
        while progress {
            progress = false
            for position in candidates where !placed.contains(position) {
                if objects[position].dependencies.allSatisfy({ placed.contains($0) || objects[$0].disposition != .create || !objects[$0].refusals.isEmpty }) {
                    placed.insert(position)
                    order.append(position)
                    progress = true
                }
            }
        }
        return order
    }

    /// Created objects that no order could place: they reference each other in a cycle.
    var cyclic: [Int] {
        let placed = Set(order)
        return objects.indices.filter { objects[$0].disposition == .create && objects[$0].refusals.isEmpty && !placed.contains($0) }
    }
}
