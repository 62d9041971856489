import EventStore
import Foundation

/// The events one template unit wrote through the API, with every uuid of its own resources and every
/// identificatie it was given as slots. A clone is those events with fresh uuids and identificaties, appended
/// in the same order: the same event types and payload shapes the API writes, because they are the API's.
struct EventTemplate: Sendable {
    struct Event: Sendable {
        let type: String
        let schemaVersion: Int
        let data: TemplatedText
    }

    /// Consecutive events of one stream with the same metadata: one `append` call.
    struct Run: Sendable {
        let stream: TemplatedText
        let metadata: EventMetadata
        let events: [Event]
    }

    enum Slot: Sendable {
        case uuid
        /// The previous slot's uuid in upper case.
        case uppercase
        /// An identificatie: `<prefix>-BENCH-<10 digits>` in clones (the API's own are `<prefix>-<year>-<number>`).
        case identificatie(prefix: String)
    }

    let runs: [Run]
    let slots: [Slot]
    let eventCount: Int

    static let categories: Set<String> = ["zaak", "document", "besluit"]

    init(_ recorded: [RecordedEvent]) throws {
        var uuids: [String] = [], identificaties: [String] = []
        for event in recorded {
            let category = StreamName.category(of: event.streamID)
            guard Self.categories.contains(category), let id = StreamName.id(of: event.streamID, category: category) else {
                throw GeneratorError("template wrote to stream \(event.streamID); only zaak, document and besluit streams can be cloned")
            }
            if !uuids.contains(id) { uuids.append(id) }
            let payload = try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any] ?? [:]
            let uuid = (payload["uuid"] as? String)?.lowercased()
            if let uuid, !uuids.contains(uuid) { uuids.append(uuid) }
            if uuid == id, let state = payload["state"] as? [String: Any],
                let identificatie = state["identificatie"] as? String, !identificatie.isEmpty, !identificaties.contains(identificatie)
            {
                identificaties.append(identificatie)
            }
        }
        // Payloads hold a resource's uuid in upper case (Foundation's encoding) and its URLs in lower case.
        let keys = uuids.flatMap { [$0, $0.uppercased()] } + identificaties
        slots = uuids.flatMap { _ in [Slot.uuid, .uppercase] } + identificaties.map { .identificatie(prefix: String($0.prefix(while: { $0 != "-" }))) }
        var runs: [Run] = []
        var current: (stream: String, metadata: EventMetadata, events: [Event])?
        for event in recorded {
            var metadata = event.metadata
            metadata.requestID = nil  // no request made these clones
            let converted = Event(type: event.type, schemaVersion: event.schemaVersion, data: TemplatedText(event.data, keys: keys))
            if let open = current, open.stream == event.streamID, open.metadata == metadata {
                current?.events.append(converted)
            } else {
                if let open = current { runs.append(Run(stream: TemplatedText(open.stream, keys: keys), metadata: open.metadata, events: open.events)) }
                current = (event.streamID, metadata, [converted])
            }
        }
        if let open = current { runs.append(Run(stream: TemplatedText(open.stream, keys: keys), metadata: open.metadata, events: open.events)) }
        self.runs = runs
        eventCount = recorded.count
    }

    /// Fresh values for clone number `index`: random uuids, identificaties numbered by `index`.
    func values(for index: Int) -> [String] {
        var values: [String] = []
        values.reserveCapacity(slots.count)
        for slot in slots {
            switch slot {
            case .uuid: values.append(UUID().uuidString.lowercased())
            case .uppercase: values.append(values[values.count - 1].uppercased())
            case .identificatie(let prefix): values.append("\(prefix)-BENCH-" + String(format: "%010d", index))
            }
        }
        return values
    }

    /// Appends clone `index` within `transaction`, in the template's order (cross-stream relations included).
    func append(clone index: Int, to transaction: EventStoreTransaction) async throws {
        let values = values(for: index)
        for run in runs {
            let events = run.events.map { NewEvent(type: $0.type, schemaVersion: $0.schemaVersion, data: $0.data.render(values)) }
            try await transaction.append(to: run.stream.render(values), expectedVersion: .any, events: events, metadata: run.metadata)
        }
    }
}

/// A generator failure: stops the run with its message (the generator fails loudly, never half-silently).
struct GeneratorError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
