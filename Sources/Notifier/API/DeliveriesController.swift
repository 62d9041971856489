import Domain
import Foundation
import Hummingbird
import ZGWHTTP

/// Extension endpoints for operators (not in the standard), both scopes required:
/// `GET /x-deliveries` (counts per status and the oldest dead letters) and `POST /x-deliveries/requeue`
/// with `{"ids": [1, 2]}` or `{"allDead": true}` (answers the requeued ids).
public struct DeliveriesController: Sendable {
    let queue: DeliveryQueue
    let onQueued: @Sendable () -> Void

    public init(queue: DeliveryQueue, onQueued: @escaping @Sendable () -> Void = {}) {
        self.queue = queue
        self.onQueued = onQueued
    }

    static let scopes = ScopeRequirement.allOf([NotificatiesAPI.consumeren, NotificatiesAPI.publiceren])

    struct Overview: Encodable {
        let counts: [String: Int]
        let dead: [DeadDelivery]
    }

    struct Requeued: Encodable {
        let requeued: [Int64]
    }

    public func addRoutes(to group: RouterGroup<ZGWRequestContext>) {
        group.get("x-deliveries") { request, context in
            try context.requireScopes(Self.scopes, component: .nrc)
            try QueryParameters(request).requireOnly([])
            let counts = try await queue.counts()
            let overview = Overview(
                counts: Dictionary(uniqueKeysWithValues: DeliveryStatus.allCases.map { ($0.rawValue, counts[$0] ?? 0) }), dead: try await queue.dead())
            return JSONResponse.make(try NotificatiesAPI.json(overview))
        }
        group.post("x-deliveries/requeue") { request, context in
            try context.requireScopes(Self.scopes, component: .nrc)
            var body = try await JSONBody.parse(request, context: context)
            let all = body.bool("allDead") ?? false
            let ids = body.integerArray("ids")
            var errors = body.errors
            if !all, ids == nil { errors.append(FieldError(name: "nonFieldErrors", code: "required", reason: "Geef ids of allDead: true.")) }
            guard errors.isEmpty else { throw ZGWError.validation(errors) }
            let requeued = try await queue.requeue(ids: all ? nil : ids)
            if !requeued.isEmpty { onQueued() }
            return JSONResponse.make(try NotificatiesAPI.json(Requeued(requeued: requeued)))
        }
    }
}
