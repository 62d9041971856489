import Foundation
import Logging
import PostgresNIO

/// The effect of a batch of zaak events on `zaken.zaken` and `zaken.resources`, folded per row so that a batch
/// (one command inline, thousands in a rebuild) costs a handful of statements, not one per event. The fold keeps what
/// applying the events one by one would leave: the last state of each row, rows first written in event order
/// (their `created_position` orders the lists), and a zaak's deletion taking its resources with it.
struct ZaakChanges {
    private var zaakDeletes: [UUID] = []
    private var resourceDeletes: [UUID] = []
    private var zaken: [UUID: (payload: String, version: Int64)] = [:]
    private var zaakOrder: [UUID] = []
    private var resources: [UUID: (zaak: UUID, kind: String, payload: String, version: Int64)] = [:]
    private var resourceOrder: [UUID] = []
    /// The last stream version seen per zaak, set on its row even when the event was another aggregate's
    /// (a besluit's zaakbesluit appended to the zaak's stream).
    private var versions: [UUID: Int64] = [:]
    /// Zaken whose derived fields need refreshing afterwards (plus the hoofdzaken the writes return).
    private(set) var touched: [UUID] = []

    mutating func streamVersion(of zaak: UUID, is version: Int64) {
        versions[zaak] = version
    }

    mutating func upsertZaak(_ zaak: UUID, payload: String, version: Int64) {
        if zaken.updateValue((payload, version), forKey: zaak) == nil { zaakOrder.append(zaak) }
        touched.append(zaak)
    }

    mutating func deleteZaak(_ zaak: UUID) {
        zaakDeletes.append(zaak)
        if zaken.removeValue(forKey: zaak) != nil { zaakOrder.removeAll { $0 == zaak } }
        let gone = resources.filter { $0.value.zaak == zaak }.map(\.key)
        for uuid in gone { resources.removeValue(forKey: uuid) }
        resourceOrder.removeAll { gone.contains($0) }
    }

    mutating func upsertResource(_ uuid: UUID, zaak: UUID, kind: String, payload: String, version: Int64) {
        if resources.updateValue((zaak, kind, payload, version), forKey: uuid) == nil { resourceOrder.append(uuid) }
        touched.append(zaak)
    }

    mutating func deleteResource(_ uuid: UUID, zaak: UUID) {
        resourceDeletes.append(uuid)
        if resources.removeValue(forKey: uuid) != nil { resourceOrder.removeAll { $0 == uuid } }
        touched.append(zaak)
    }

    /// Deletes first, then upserts in first-seen order; returns the zaken to refresh, each once.
    func write(connection: PostgresConnection, logger: Logger) async throws -> [UUID] {
        var touched = touched
        if !zaakDeletes.isEmpty {
            touched += try await connection.rows(ZaakStatements.DeleteZaken(zaken: zaakDeletes), logger: logger).compactMap { $0 }
            _ = try await connection.execute(ZaakStatements.DeleteResourcesOfZaken(zaken: zaakDeletes), logger: logger)
        }
        if !resourceDeletes.isEmpty {
            _ = try await connection.execute(ZaakStatements.DeleteResources(resources: resourceDeletes), logger: logger)
        }
        if !zaakOrder.isEmpty {
            let payloads = zaakOrder.map { zaken[$0]!.payload }, versions = zaakOrder.map { zaken[$0]!.version }
            let statement = ZaakStatements.UpsertZaken(zaken: zaakOrder, payloads: payloads, versions: versions)
            touched += try await connection.rows(statement, logger: logger).compactMap { $0 }
        }
        if !resourceOrder.isEmpty {
            let rows = resourceOrder.map { resources[$0]! }
            let statement = ZaakStatements.UpsertResources(
                resources: resourceOrder, zaken: rows.map(\.zaak), kinds: rows.map(\.kind), payloads: rows.map(\.payload), versions: rows.map(\.version))
            _ = try await connection.execute(statement, logger: logger)
        }
        // A zaak whose row the upsert above wrote at its stream's last version needs nothing more (a created zaak): one
        // UPDATE of `zaken.zaken` fewer, with its counter trigger.
        let behind = versions.filter { zaken[$0.key]?.version != $0.value }
        if !behind.isEmpty {
            let statement = ZaakStatements.SetStreamVersions(zaken: Array(behind.keys), versions: Array(behind.values))
            _ = try await connection.execute(statement, logger: logger)
        }
        var seen = Set<UUID>()
        return touched.filter { seen.insert($0).inserted }
    }
}
