import Domain
import EventStore
import Foundation
import Hummingbird
import ZGWHTTP

/// One record of an API's `audittrail`, made from the event of a change: who (the JWT's client and user), why
/// (`X-Audit-Toelichting`), what (the resource before and after), and when.
enum AuditTrailRecord {
    static let actieWeergave = ["create": "Object aangemaakt", "update": "Object bijgewerkt", "partial_update": "Object deels bijgewerkt", "destroy": "Object verwijderd"]
    static let status = ["create": 201, "update": 200, "partial_update": 200, "destroy": 204]

    static func make(
        _ event: RecordedEvent, bron: String, resource: String, action: String, facts: NotificationFacts,
        before: [String: JSONValue]?, after: [String: JSONValue]?, weergave: String
    ) -> JSONValue {
        let actie = event.metadata.actie ?? (action == "created" ? "create" : action == "deleted" ? "destroy" : "update")
        return .object([
            "uuid": .string(event.eventID.lowercased), "bron": .string(bron),
            "applicatieId": .string(event.metadata.clientID ?? ""), "applicatieWeergave": .string(event.metadata.applicatieLabel ?? ""),
            "gebruikersId": .string(event.metadata.userID ?? ""), "gebruikersWeergave": .string(event.metadata.userRepresentation ?? ""),
            "actie": .string(actie), "actieWeergave": .string(actieWeergave[actie] ?? actie),
            "resultaat": .number(Double(status[actie] ?? 200)), "hoofdObject": .string(facts.hoofdObject),
            "resource": .string(resource), "resourceUrl": .string(facts.resourceUrl),
            "toelichting": .string(event.metadata.toelichting ?? ""),
            "resourceWeergave": .string(weergave),
            "aanmaakdatum": .string(ZGWDateTime.format(event.recordedAt)),
            "wijzigingen": .object(["oud": before.map { .object($0) } ?? .null, "nieuw": after.map { .object($0) } ?? .null]),
        ])
    }
}

extension AuditTrailRecord {
    /// The records of a stream: its published changes (derived ones are part of the change they follow).
    static func records(_ changes: [StreamHistory.Change], bron: String, weergave: (StreamHistory.Change) -> String) -> [(UUID, JSONValue)] {
        changes.compactMap { change in
            guard let facts = change.notificatie, !change.payloadDestroyed else { return nil }
            return (change.event.eventID, make(
                change.event, bron: bron, resource: change.resource, action: change.action, facts: facts, before: change.before,
                after: change.after, weergave: weergave(change)))
        }
    }

    /// Mounts `GET <path>/audittrail` (every record) and `GET <path>/audittrail/:sub` (one, by uuid) on the
    /// records `records` makes for a request.
    static func mount(
        on group: RouterGroup<ZGWRequestContext>, path: String, baseURL: String,
        records: @escaping @Sendable (Request, ZGWRequestContext) async throws -> [(UUID, JSONValue)]
    ) {
        group.get(RouterPath("\(path)/audittrail")) { request, context in
            let all = try await records(request, context)
            return JSONResponse.make(ResourceURL.render(JSONValue.array(all.map(\.1)).jsonText, baseURL: baseURL))
        }
        group.get(RouterPath("\(path)/audittrail/:sub")) { request, context in
            let uuid = context.parameters.get("sub").flatMap(UUID.init(uuidString:))
            guard let record = try await records(request, context).first(where: { $0.0 == uuid }) else { throw ZGWError.notFound() }
            return JSONResponse.make(ResourceURL.render(record.1.jsonText, baseURL: baseURL))
        }
    }
}
