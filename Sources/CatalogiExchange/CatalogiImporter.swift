import CommandAPI
import Domain
import EventStore
import Foundation
import PostgresNIO

/// Imports a Catalogi export: plans identities and order, validates every object with the API's own rules
/// (the Selectielijst checks before the transaction), writes everything in one transaction and reports. A
/// refusal anywhere, or a dry run, rolls the whole transaction back; the report is the same either way.
public struct CatalogiImporter: Sendable {
    let store: EventStore
    let writer: CatalogiImportWriter
    let baseURL: String

    /// `baseURL` is our public base URL (the report's URLs use it).
    public init(store: EventStore, commands: CatalogiCommandSet, baseURL: String) {
        self.store = store
        self.writer = CatalogiImportWriter(commands: commands, baseURL: baseURL)
        self.baseURL = baseURL
    }

    /// Imports `archive`; `metadata` is the event metadata of the creates (publishes get actie `publish`).
    /// `progress` hears (objects done, objects to write). Throws `CatalogiImportError` for bad options; a
    /// report with refusals means nothing was written.
    public func run(
        _ archive: CatalogiArchive, options: CatalogiImportOptions, metadata: EventMetadata, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> CatalogiImportReport {
        let targetCatalogus = try await resolveCatalogus(options.catalogus)
        let mappings = try await resolveMappings(archive, options: options)
        var plan = CatalogiImportPlan(archive, options: options, targetCatalogus: targetCatalogus, mappings: mappings, baseURL: baseURL)
        for position in plan.cyclic {
            plan.objects[position].refusals.append(FieldError(name: "nonFieldErrors", code: "reference-cycle", reason: "Dit object verwijst in een kring naar zichzelf."))
        }
        if !options.newUUIDs { try await refuseClashes(&plan) }
        parse(&plan)
        try await prepare(&plan)
        do {
            var (report, _) = try await store.transaction { transaction in
                let report = try await write(&plan, options: options, metadata: metadata, transaction: transaction, progress: progress)
                if options.dryRun || !report.refused.isEmpty { throw RolledBack(report: report) }
                return report
            }
            report.imported = true
            return report
        } catch let rolledBack as RolledBack {
            return rolledBack.report
        }
    }

    /// Thrown inside the transaction to roll it back with the report.
    private struct RolledBack: Error {
        let report: CatalogiImportReport
    }

    // MARK: options

    private func resolveCatalogus(_ text: String?) async throws -> UUID? {
        guard let text else { return nil }
        guard let uuid = CatalogiReference.uuid(text), try await exists(uuid, in: CatalogiResource.catalogus.table) else {
            throw CatalogiImportError("--catalogus \(text): no such catalogus")
        }
        return uuid
    }

    private func resolveMappings(_ archive: CatalogiArchive, options: CatalogiImportOptions) async throws -> [CatalogiReference: UUID] {
        var result: [CatalogiReference: UUID] = [:]
        for (resource, mappings) in [(CatalogiResource.informatieObjectType, options.informatieobjecttypeMappings), (.besluitType, options.besluittypeMappings)] {
            let inFile = Set((archive.objects[resource] ?? []).compactMap { $0["url"]?.text.flatMap(CatalogiReference.init(url:))?.uuid })
            for (old, existing) in mappings {
                guard let oldUUID = CatalogiReference.uuid(old), inFile.contains(oldUUID) else {
                    throw CatalogiImportError("mapping \(old)=\(existing): the file holds no \(resource.rawValue) \(old)")
                }
                guard let existingUUID = CatalogiReference.uuid(existing), try await exists(existingUUID, in: resource.table) else {
                    throw CatalogiImportError("mapping \(old)=\(existing): there is no \(resource.collection) \(existing) here")
                }
                result[CatalogiReference(resource: resource, uuid: oldUUID)] = existingUUID
            }
        }
        return result
    }

    private func exists(_ uuid: UUID, in table: String) async throws -> Bool {
        try await !store.client.query(PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table) WHERE uuid = $1", binds: .of(uuid))).collect().isEmpty
    }

    // MARK: checks before the transaction

    /// A kept uuid that an object of ours already has (or had: a deleted type's stream stays) is refused,
    /// naming both objects.
    private func refuseClashes(_ plan: inout CatalogiImportPlan) async throws {
        for resource in CatalogiResource.allCases {
            let positions = plan.objects.indices.filter {
                plan.objects[$0].resource == resource && plan.objects[$0].disposition == .create && plan.objects[$0].refusals.isEmpty
            }
            guard !positions.isEmpty else { continue }
            let uuids = positions.map { plan.objects[$0].target }
            var existing: [UUID: String] = [:]
            let rows = try await store.client.query(PostgresQuery(
                unsafeSQL: "SELECT uuid, representation::text FROM \(resource.table) WHERE uuid = ANY($1)", binds: .of(uuids))).collect()
            for row in rows {
                let (uuid, json) = try row.decode((UUID, String).self)
                let label = ImportObject(resource: resource, body: JSONValue.decodeObject(json)).label
                existing[uuid] = label
            }
            if let category = Self.streamCategory(resource) {
                let streams = uuids.map { "\(category)-\($0.uuidString.lowercased())" }
                for row in try await store.client.query("SELECT stream_id FROM es.streams WHERE stream_id = ANY(\(streams))").collect() {
                    let stream = try row.decode(String.self)
                    if let uuid = UUID(uuidString: String(stream.dropFirst(category.count + 1))), existing[uuid] == nil { existing[uuid] = "(verwijderd)" }
                }
            }
            for position in positions {
                let uuid = plan.objects[position].target
                guard let label = existing[uuid] else { continue }
                let ours = CatalogiReference(resource: resource, uuid: uuid).url(baseURL: baseURL)
                plan.objects[position].refusals.append(FieldError(
                    name: "url", code: "uuid-clash",
                    reason: "\(resource.rawValue) \(plan.objects[position].label) (\(plan.objects[position].source)) heeft de uuid van het bestaande object \(ours) (\(label)); importeer met nieuwe uuids."))
            }
        }
    }

    /// The stream category of resources with a stream of their own.
    static func streamCategory(_ resource: CatalogiResource) -> String? {
        switch resource {
        case .catalogus: Catalogus.streamCategory
        case .informatieObjectType: InformatieObjectType.streamCategory
        case .besluitType: BesluitType.streamCategory
        case .zaakType: ZaakType.streamCategory
        default: nil
        }
    }

    /// Every object through the API's body validation, with its uuid here.
    private func parse(_ plan: inout CatalogiImportPlan) {
        for position in plan.order where plan.objects[position].refusals.isEmpty {
            do {
                var draft = try writer.parse(collection: plan.objects[position].resource.collection, plan.objects[position].body)
                draft.uuid = plan.objects[position].target
                plan.objects[position].draft = draft
            } catch {
                plan.objects[position].refusals += error.errors
            }
        }
    }

    /// The Selectielijst checks and defaults, before the transaction opens.
    private func prepare(_ plan: inout CatalogiImportPlan) async throws {
        var zaaktypen: [UUID: ZaakType] = [:]
        for object in plan.objects { if case .zaaktype(let type)? = object.draft { zaaktypen[type.uuid] = type } }
        for position in plan.order {
            guard let draft = plan.objects[position].draft,
                !plan.objects[position].dependencies.contains(where: { !plan.objects[$0].refusals.isEmpty })
            else { continue }
            var zaaktype: ZaakType?
            if let owner = draft.zaaktype {
                zaaktype = zaaktypen[owner]
                if zaaktype == nil { zaaktype = try await writer.zaaktype(owner)?.type }
            }
            do {
                plan.objects[position].draft = try await writer.prepare(draft, zaaktype: zaaktype)
            } catch let errors as ValidationErrors {
                plan.objects[position].refusals += errors.errors
            }
        }
    }

    // MARK: the transaction

    private func write(
        _ plan: inout CatalogiImportPlan, options: CatalogiImportOptions, metadata: EventMetadata, transaction: EventStoreTransaction,
        progress: (@Sendable (Int, Int) -> Void)?
    ) async throws -> CatalogiImportReport {
        var zaaktypen: [UUID: (type: ZaakType, version: Int64)] = [:]
        var versions: [Int: Int64] = [:]
        var done = 0
        let total = plan.order.count
        for position in plan.order {
            defer {
                done += 1
                progress?(done, total)
            }
            if let refused = plan.objects[position].dependencies.first(where: { !plan.objects[$0].refusals.isEmpty }) {
                let other = plan.objects[refused]
                plan.objects[position].refusals.append(FieldError(
                    name: field(of: plan.objects[position], naming: other), code: "reference-refused",
                    reason: "\(other.resource.rawValue) \(other.label) (\(other.source)) wordt geweigerd."))
            }
            guard plan.objects[position].refusals.isEmpty, let draft = plan.objects[position].draft else { continue }
            var parent: (type: ZaakType, version: Int64)?
            if let owner = draft.zaaktype {
                parent = zaaktypen[owner]
                if parent == nil { parent = try await writer.zaaktype(owner) }
            }
            do {
                let stored = try await writer.create(draft, zaaktype: parent, in: transaction, metadata: metadata)
                plan.objects[position].draft = stored
                if case .zaaktype(let type) = stored { zaaktypen[type.uuid] = (type, 1) }
                if let owner = draft.zaaktype, let parent { zaaktypen[owner] = (parent.type, parent.version + 1) }
                versions[position] = 1
            } catch let errors as ValidationErrors {
                plan.objects[position].refusals += errors.errors
            } catch let error as EventStoreError where error.code == .wrongExpectedVersion {
                plan.objects[position].refusals.append(FieldError(name: "url", code: "uuid-clash", reason: "Een object met deze uuid bestaat al."))
            }
        }
        var notPublished: [CatalogiImportReport.Refusal] = []
        if options.publish, plan.objects.allSatisfy({ $0.refusals.isEmpty }) {
            var publishing = metadata
            publishing.actie = "publish"
            for resource in [CatalogiResource.informatieObjectType, .besluitType, .zaakType] {
                for position in plan.order where plan.objects[position].resource == resource && plan.objects[position].publishedInFile {
                    guard let draft = plan.objects[position].draft else { continue }
                    let version = resource == .zaakType ? zaaktypen[draft.uuid]?.version ?? 1 : versions[position] ?? 1
                    do {
                        try await writer.publish(draft, version: version, in: transaction, metadata: publishing)
                        plan.objects[position].published = true
                        if resource == .zaakType, let state = zaaktypen[draft.uuid] { zaaktypen[draft.uuid] = (state.type, state.version + 1) }
                    } catch let errors as ValidationErrors {
                        notPublished += errors.errors.map { refusal(plan.objects[position], $0) }
                    }
                }
            }
        }
        return report(plan, dryRun: options.dryRun, notPublished: notPublished)
    }

    /// The reference field of `object` that names `other`.
    private func field(of object: ImportObject, naming other: ImportObject) -> String {
        object.resource.references.first { $0.target == other.resource }?.field ?? "nonFieldErrors"
    }

    private func refusal(_ object: ImportObject, _ error: FieldError) -> CatalogiImportReport.Refusal {
        CatalogiImportReport.Refusal(
            resource: object.resource.rawValue, source: object.source, label: object.label, field: error.name, code: error.code, reason: error.reason)
    }

    private func report(_ plan: CatalogiImportPlan, dryRun: Bool, notPublished: [CatalogiImportReport.Refusal]) -> CatalogiImportReport {
        var report = CatalogiImportReport(dryRun: dryRun, imported: false, notPublished: notPublished)
        for object in plan.objects {
            let url = CatalogiReference(resource: object.resource, uuid: object.target).url(baseURL: baseURL)
            if !object.refusals.isEmpty {
                report.refused += object.refusals.map { refusal(object, $0) }
            } else if object.disposition == .reuse {
                report.reused.append(.init(resource: object.resource.rawValue, source: object.source, url: url, label: object.label))
            } else {
                report.created.append(.init(
                    resource: object.resource.rawValue, source: object.source, url: url, label: object.label, concept: object.isType ? !object.published : nil))
            }
        }
        return report
    }
}
