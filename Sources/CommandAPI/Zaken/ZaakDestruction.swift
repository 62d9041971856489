import Domain
import EventStore
import Foundation
import PostgresNIO

/// Archival destruction of zaken: the payloads of every event of the zaak's stream are removed (the log keeps
/// positions, who did what and when, and the chain hashes, so `verify` stays green), its read-model rows go,
/// and a `zaak.destroyed` event records who destroyed it and why. The API then answers 404; `history` shows
/// the destruction. A zaak deleted through the API keeps its history until it is destroyed.
public struct ZaakDestruction: Sendable {
    let store: EventStore

    public init(store: EventStore) {
        self.store = store
    }

    /// Destroys one zaak; returns the number of payloads removed, nil when there is no such zaak stream.
    public func destroy(_ zaak: UUID, metadata: EventMetadata) async throws -> Int? {
        let stream = ZaakRepository.stream(zaak)
        let events = try await store.readStream(stream)
        guard !events.isEmpty else { return nil }
        // The zaak as last known (also when deleted earlier), for the message's kenmerken.
        var last: [String: JSONValue] = [:]
        var replay = ZaakAggregate(uuid: zaak)
        for event in events where event.data != ZaakResource.destroyedPayload {
            replay.apply(type: event.type, event: try event.decode(ZaakEvent.self), version: event.version)
            if let state = replay.zaak { last = state }
        }
        let url = ZaakResource.zaak.url(zaak, zaak: zaak)
        let facts = NotificationFacts(
            kanaal: "zaken", hoofdObject: url, resource: "zaak", resourceUrl: url,
            kenmerken: ["bronorganisatie": last.string("bronorganisatie"), "zaaktype": last.string("zaaktype"),
                        "vertrouwelijkheidaanduiding": last.string("vertrouwelijkheidaanduiding")])
        return try await store.transaction { transaction -> Int in
            let removed = try await transaction.destroyPayloads(of: stream)
            try await transaction.append(
                to: stream, expectedVersion: .any,
                events: [try NewEvent(type: ZaakResource.destroyed, payload: ZaakEvent(uuid: zaak, state: nil, notificatie: facts))],
                metadata: metadata)
            return removed
        }.result
    }

    /// The zaken due for destruction on `date`: archiefnominatie `vernietigen` and an archiefactiedatum on or
    /// before it.
    public func due(on date: ZGWDate) async throws -> [UUID] {
        let rows = try await store.client.query(
            """
            SELECT uuid FROM zaken.zaken
            WHERE archiefnominatie = 'vernietigen' AND archiefactiedatum IS NOT NULL AND archiefactiedatum <> '' AND archiefactiedatum <= \(date.description)
            ORDER BY archiefactiedatum, created_position
            """
        ).collect()
        return try rows.map { try $0.decode(UUID.self) }
    }
}
