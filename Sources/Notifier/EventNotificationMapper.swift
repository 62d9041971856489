import Domain
import EventStore
import Foundation
import Projections

/// Turns a committed event into the Notificaties message it publishes, or nil when it publishes none.
///
/// Two sources of facts: events whose payload carries a `notificatie` object (Zaken, Documenten, Besluiten:
/// the command that wrote the event knew the main object's kenmerken, so they travel with it), and the
/// catalogus types and applicaties, whose events predate that convention and are mapped here.
public struct EventNotificationMapper: Sendable {
    /// The public base URL that replaces `ResourceURL.marker` in stored URLs.
    public let baseURL: String

    public init(baseURL: String) {
        self.baseURL = baseURL
    }

    /// What the mapper needs beyond the event itself: the catalogus of a catalogus type whose event
    /// (`published`, `deleted`) does not carry it.
    public typealias CatalogusLookup = @Sendable (_ streamID: String) async throws -> UUID?

    public func message(for event: RecordedEvent, catalogusOf: CatalogusLookup) async throws -> NotificationMessage? {
        guard let payload = try? JSONParser.parse(event.data), case .object(let object) = payload else {
            return nil
        }
        if case .object(let facts)? = object["notificatie"] {
            return embedded(facts, event: event)
        }
        if let category = CatalogusTypeKanaal(streamID: event.streamID, eventType: event.type) {
            let catalogus: UUID?
            if case .object(let state)? = object[category.resource], case .string(let text)? = state["catalogus"] {
                catalogus = UUID(uuidString: text)
            } else {
                catalogus = try await catalogusOf(event.streamID)
            }
            let url = baseURL + category.path(category.uuid)
            let kenmerken = catalogus.map { ["catalogus": baseURL + CatalogusRepresentation.path($0)] } ?? [:]
            return NotificationMessage(
                kanaal: category.kanaal, hoofdObject: url, resource: category.resource, resourceUrl: url,
                actie: Self.actie(event, fallbackFrom: category.eventName), aanmaakdatum: event.recordedAt, kenmerken: kenmerken)
        }
        if event.type.hasPrefix("\(Applicatie.streamCategory)."), let uuid = Self.uuid(of: event.streamID, category: Applicatie.streamCategory) {
            let url = baseURL + ApplicatieRepresentation.path(uuid)
            return NotificationMessage(
                kanaal: "autorisaties", hoofdObject: url, resource: "applicatie", resourceUrl: url,
                actie: Self.actie(event, fallbackFrom: String(event.type.dropFirst(Applicatie.streamCategory.count + 1))),
                aanmaakdatum: event.recordedAt, kenmerken: [:])
        }
        return nil
    }

    /// A message from an event's own `notificatie` object; nil when it lacks a required field.
    func embedded(_ facts: [String: JSONValue], event: RecordedEvent) -> NotificationMessage? {
        func text(_ key: String) -> String? {
            if case .string(let value)? = facts[key] { return value }
            return nil
        }
        guard let kanaal = text("kanaal"), let hoofdObject = text("hoofdObject"), let resource = text("resource"),
            let resourceUrl = text("resourceUrl")
        else { return nil }
        var kenmerken: [String: String] = [:]
        if case .object(let values)? = facts["kenmerken"] {
            for (key, value) in values {
                switch value {
                case .string(let string): kenmerken[key] = render(string)
                case .bool(let flag): kenmerken[key] = flag ? "true" : "false"
                case .number(let number): kenmerken[key] = number == number.rounded() ? String(Int64(number)) : String(number)
                default: continue
                }
            }
        }
        return NotificationMessage(
            kanaal: kanaal, hoofdObject: render(hoofdObject), resource: resource, resourceUrl: render(resourceUrl),
            actie: text("actie") ?? Self.actie(event, fallbackFrom: event.type.split(separator: ".").last.map(String.init) ?? ""),
            aanmaakdatum: event.recordedAt, kenmerken: kenmerken)
    }

    /// A stored URL as served: the marker replaced by the public base URL.
    func render(_ stored: String) -> String {
        ResourceURL.absolute(stored, baseURL: baseURL)
    }

    /// The event's `actie` in Open Zaak terms; a publish is an `update`. Without one in the metadata, the
    /// event name decides (`created` → create, `deleted` → destroy, else update).
    static func actie(_ event: RecordedEvent, fallbackFrom eventName: String) -> String {
        switch event.metadata.actie {
        case "create", "update", "partial_update", "destroy": return event.metadata.actie!
        case "publish": return "update"
        default:
            switch eventName {
            case "created": return "create"
            case "deleted": return "destroy"
            default: return "update"
            }
        }
    }

    static func uuid(of streamID: String, category: String) -> UUID? {
        guard streamID.hasPrefix(category + "-") else { return nil }
        return UUID(uuidString: String(streamID.dropFirst(category.count + 1)))
    }
}
