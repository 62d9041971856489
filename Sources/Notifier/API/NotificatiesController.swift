import Domain
import EventStore
import Foundation
import Hummingbird
import ZGWHTTP

/// `POST /notificaties` (scope `notificaties.publiceren`): a message from another producer, routed unchanged
/// to every abonnement whose kanaal and filters match, through the same delivery queue as our own messages.
/// Answers 201 with the message, as Open Notificaties does.
public struct NotificatiesController: Sendable {
    let kanalen: KanaalStore
    let queue: DeliveryQueue
    /// Wakes the local delivery worker.
    let onQueued: @Sendable () -> Void

    public init(kanalen: KanaalStore, queue: DeliveryQueue, onQueued: @escaping @Sendable () -> Void = {}) {
        self.kanalen = kanalen
        self.queue = queue
        self.onQueued = onQueued
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.post("notificaties") { request, context in try await self.publish(request, context: context) }
    }

    func publish(_ request: Request, context: ZGWRequestContext) async throws -> Response {
        try context.requireScopes(.scope(NotificatiesAPI.publiceren), component: .nrc)
        let body = try await JSONBody.parse(request, context: context)
        return try await NotificatiesAPI.translating {
            let message = try await parse(body)
            let abonnementen = try await AbonnementStore(client: queue.client, logger: queue.logger).all()
            let targets = DeliveryTargets.for(message, abonnementen: abonnementen, external: false)
            try await queue.client.withConnection { connection in
                try await DeliveryQueue.insert(message, eventPosition: nil, committedAt: Date(), targets: targets, on: connection, logger: queue.logger)
            }
            if !targets.isEmpty { onQueued() }
            return JSONResponse.make(try NotificatiesAPI.json(message), status: .created)
        }
    }

    /// `Message` of the spec: the kanaal must exist (`message_kanaal`) and the kenmerken must be among its
    /// filters (`kenmerken_inconsistent`).
    func parse(_ body: JSONBody) async throws -> NotificationMessage {
        var body = body
        var validator = FieldValidator()
        let kanaal = body.string("kanaal")
        validator.requireText(kanaal, "kanaal", maxLength: 50)
        let hoofdObject = body.string("hoofdObject"), resourceUrl = body.string("resourceUrl")
        NotificatiesAPI.url(hoofdObject, "hoofdObject", maxLength: 1000, required: true, into: &validator)
        NotificatiesAPI.url(resourceUrl, "resourceUrl", maxLength: 1000, required: true, into: &validator)
        let resource = body.string("resource"), actie = body.string("actie")
        validator.requireText(resource, "resource", maxLength: 100)
        validator.requireText(actie, "actie", maxLength: 100)
        validator.text(body.string("source"), "source", maxLength: 100)
        let aanmaakdatum = body.string("aanmaakdatum")
        let date = aanmaakdatum.flatMap(Self.parseDateTime)
        if aanmaakdatum == nil {
            validator.add(.required("aanmaakdatum"))
        } else if date == nil {
            validator.add(FieldError(name: "aanmaakdatum", code: "invalid", reason: "Datetime heeft een ongeldig formaat, gebruik ISO 8601."))
        }
        let kenmerken = body.stringMap("kenmerken") ?? [:]
        for (key, value) in kenmerken { validator.text(value, "kenmerken.\(key)", maxLength: 1000) }
        if let kanaal, !kanaal.isEmpty {
            if let known = try await kanalen.list(naam: kanaal).first {
                if !Set(kenmerken.keys).isSubset(of: Set(known.filters)) {
                    validator.add(FieldError(
                        name: "kenmerken", code: "kenmerken_inconsistent",
                        reason: "Kenmerken aren't consistent with the kanaal filters: \(known.filters.joined(separator: ", "))."))
                }
            } else {
                validator.add(FieldError(name: "kanaal", code: "message_kanaal", reason: "Kanaal bestaat niet."))
            }
        }
        body.errors.forEach { validator.add($0) }
        try validator.check()
        return NotificationMessage(
            kanaal: kanaal ?? "", hoofdObject: hoofdObject ?? "", resource: resource ?? "", resourceUrl: resourceUrl ?? "", actie: actie ?? "",
            aanmaakdatum: date ?? Date(), kenmerken: kenmerken)
    }

    /// ISO 8601 date-time, with or without fractional seconds.
    static func parseDateTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
