import Domain
import EventStore
import Foundation
import PostgresNIO

/// drc-002..004: an objectinformatieobject records, on the document's side, a relation that the Zaken or
/// Besluiten API holds (a zaakinformatieobject, a besluitinformatieobject). It may only be made when the
/// object resolves and that relation exists, and only removed once the relation is gone. Local zaken are
/// checked in the read models (their relations create the objectinformatieobject themselves, in the same
/// transaction); other APIs over HTTP.
struct ObjectRelations: Sendable {
    let references: ZaakReferences
    let remote: RemoteResources

    func checkCreate(_ state: [String: JSONValue], aggregate: DocumentAggregate, transaction: EventStoreTransaction) async throws {
        let object = state.string("object")
        if aggregate.all(.objectinformatieobject).contains(where: { $0.state.string("object") == object }) {
            throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "unique", reason: "De velden informatieobject, object moeten een unieke set zijn.")])
        }
        _ = try await resolveObject(state, transaction: transaction).get(orThrowFor: "object", resource: state.string("objectType"))
        if try await relationExists(state, transaction: transaction) == false {
            throw ValidationErrors([FieldError(
                name: "nonFieldErrors", code: "inconsistent-relation",
                reason: "Het informatieobject is in de bron-API niet gerelateerd aan het object.")])
        }
    }

    func checkDelete(_ state: [String: JSONValue], transaction: EventStoreTransaction) async throws {
        if try await relationExists(state, transaction: transaction) == true {
            throw ValidationErrors([FieldError(
                name: "nonFieldErrors", code: "inconsistent-relation",
                reason: "De relatie bestaat nog in de bron-API; verwijder die eerst.")])
        }
    }

    /// drc-002: the object in the two steps of the reference (a besluit URL given for objectType zaak is
    /// `invalid-resource`, one that answers 404 `bad-url`).
    func resolveObject(_ state: [String: JSONValue], transaction: EventStoreTransaction) async throws -> Result<[String: JSONValue], ReferenceFailure> {
        let target: (api: ZGWAPI?, collection: String, shape: [String]) =
            switch state.string("objectType") {
            case "zaak": (.zaken, "zaken", ResourceShape.zaak)
            case "besluit": (.besluiten, "besluiten", ResourceShape.besluit)
            default: (nil, "verzoeken", [])
            }
        return try await references.resolve(
            state.string("object"), api: target.api, collection: target.collection, requiredFields: target.shape, connection: transaction.connection,
            logger: transaction.logger)
    }

    /// Whether the source API relates the document to the object; nil for object types without a source
    /// relation (`verzoek`).
    func relationExists(_ state: [String: JSONValue], transaction: EventStoreTransaction) async throws -> Bool? {
        let object = state.string("object"), informatieobject = state.string("informatieobject")
        let type = state.string("objectType")
        guard type == "zaak" || type == "besluit" else { return nil }
        if ZaakReferences.isLocal(object) {
            if type == "besluit" {
                guard let besluit = ZaakReferences.localUUID(object, api: .besluiten, collection: "besluiten") else { return false }
                let rows = try await transaction.connection.query(
                    "SELECT 1 FROM besluiten.informatieobjecten WHERE besluit = \(besluit) AND informatieobject = \(informatieobject)", logger: transaction.logger
                ).collect()
                return !rows.isEmpty
            }
            guard let zaak = ZaakReferences.localUUID(object, api: .zaken, collection: "zaken") else { return false }
            let rows = try await transaction.connection.query(
                """
                SELECT 1 FROM zaken.resources WHERE zaak = \(zaak) AND kind = 'zaakinformatieobject'
                AND representation->>'informatieobject' = \(informatieobject)
                """, logger: transaction.logger
            ).collect()
            return !rows.isEmpty
        }
        // `<root>/zaken/<uuid>` → `<root>/zaakinformatieobjecten?zaak=…&informatieobject=…`
        guard var components = URLComponents(string: object) else { return false }
        var path = components.path.split(separator: "/").map(String.init)
        guard path.count >= 2 else { return false }
        path.removeLast(2)
        let collection = type == "zaak" ? "zaakinformatieobjecten" : "besluitinformatieobjecten"
        components.path = "/" + (path + [collection]).joined(separator: "/")
        let absolute = ResourceURL.absolute(informatieobject, baseURL: references.baseURL)
        components.queryItems = [URLQueryItem(name: type, value: object), URLQueryItem(name: "informatieobject", value: absolute)]
        guard let url = components.url?.absoluteString, let answer = await remote.json(at: url) else { return false }
        return !(answer.array ?? answer.object?["results"]?.array ?? []).isEmpty
    }
}
