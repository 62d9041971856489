import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// The rules of a besluit (brc-001, 002, 006, 007), run in the write's transaction on the new state. Returns
/// the besluittype and the zaakbesluit changes the besluit's zaak needs (brc-006).
struct BesluitRules: Sendable {
    let references: ZaakReferences

    static let vervalredenWeergave = [
        "tijdelijk": "Besluit met tijdelijke werking", "ingetrokken_overheid": "Besluit ingetrokken door overheid",
        "ingetrokken_belanghebbende": "Besluit ingetrokken o.v.v. belanghebbende",
    ]

    func check(
        _ state: inout [String: JSONValue], uuid: UUID, previous: [String: JSONValue]?, transaction: EventStoreTransaction
    ) async throws -> (besluittype: [String: JSONValue], zaak: [BesluitChange]) {
        var errors: [FieldError] = []
        if let previous {
            // brc-001 / brc-002: these never change.
            for field in ["besluittype", "identificatie", "verantwoordelijkeOrganisatie"] where state[field] != previous[field] {
                errors.append(FieldError(name: field, code: "wijzigen-niet-toegelaten", reason: "Dit veld mag niet gewijzigd worden."))
            }
        }
        let url = state.string("besluittype")
        let resolved = try await references.resolve(
            url, api: .catalogi, collection: "besluittypen", requiredFields: ResourceShape.besluittype, connection: transaction.connection,
            logger: transaction.logger)
        let type = try? resolved.get()
        errors += resolved.fieldErrors("besluittype", resource: "besluittype")
        if let type {
            if type["concept"] == .bool(true) {
                errors.append(FieldError(name: "besluittype", code: "not-published", reason: "Het besluittype is nog niet gepubliceerd."))
            }
        }
        if let datum = ZGWDate(state.string("datum")), datum > ZGWDateTime.today() {
            errors.append(FieldError(name: "datum", code: "future-not-allowed", reason: "Deze datum mag niet in de toekomst liggen."))
        }
        var zaakChanges: [BesluitChange] = []
        let zaak = state.string("zaak"), previousZaak = previous?.string("zaak") ?? ""
        if !zaak.isEmpty, type != nil {
            if let local = try await references.zaak(zaak, connection: transaction.connection, logger: transaction.logger) {
                // brc-007: the besluittype is one of the zaak's zaaktype.
                let zaaktype = try await references.catalogi(local.zaak.string("zaaktype"), collection: "zaaktypen", connection: transaction.connection, logger: transaction.logger)
                if !(zaaktype?["besluittypen"]?.strings ?? []).contains(url) {
                    errors.append(FieldError(name: "nonFieldErrors", code: "zaaktype-mismatch", reason: "Het besluittype hoort niet bij het zaaktype van de zaak."))
                }
            } else if ZaakReferences.isLocal(zaak) {
                errors.append(FieldError(name: "zaak", code: "bad-url", reason: "De URL \(zaak) is ongeldig of gaf geen 200."))
            } else if let remote = await references.remote.object(at: zaak) {
                // brc-007 for a zaak in another Zaken API: its zaaktype (ours or another catalogus) decides.
                let zaaktype = try await references.catalogi(
                    references.stored(remote.string("zaaktype")), collection: "zaaktypen", connection: transaction.connection, logger: transaction.logger)
                if !(zaaktype?["besluittypen"]?.strings ?? []).contains(url) {
                    errors.append(FieldError(name: "nonFieldErrors", code: "zaaktype-mismatch", reason: "Het besluittype hoort niet bij het zaaktype van de zaak."))
                }
            } else {
                errors.append(FieldError(name: "zaak", code: "bad-url", reason: "De URL \(zaak) is ongeldig of gaf geen 200."))
            }
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        if zaak != previousZaak {
            // brc-006: the zaak's zaakbesluit follows the besluit (removed from the old zaak, made in the new).
            if !previousZaak.isEmpty { zaakChanges += try await Self.zaakbesluitRemoval(besluit: uuid, zaak: previousZaak, transaction: transaction) }
            if !zaak.isEmpty { zaakChanges += try await Self.zaakbesluitCreation(besluit: uuid, zaak: zaak, transaction: transaction) }
        }
        state["vervalredenWeergave"] = .string(Self.vervalredenWeergave[state.string("vervalreden")] ?? "")
        return (type ?? [:], zaakChanges)
    }

    /// The zaakbesluit of a besluit in one of our zaken, appended at the zaak stream's version.
    static func zaakbesluitCreation(besluit: UUID, zaak url: String, transaction: EventStoreTransaction) async throws -> [BesluitChange] {
        guard let zaak = ZaakReferences.localUUID(url, api: .zaken, collection: "zaken"),
            let version = try await zaakVersion(zaak, transaction: transaction)
        else { return [] }
        let uuid = UUID()
        let state: [String: JSONValue] = [
            "url": .string(ZaakResource.zaakbesluit.url(uuid, zaak: zaak)), "uuid": .string(uuid.lowercased),
            "besluit": .string(BesluitResource.besluit.url(besluit)),
        ]
        let event = try NewEvent(type: ZaakResource.zaakbesluit.created, payload: ZaakEvent(uuid: uuid, state: state, notificatie: nil))
        return [BesluitChange(foreign: ForeignChange(stream: ZaakRepository.stream(zaak), expected: .exact(version), event: event))]
    }

    static func zaakbesluitRemoval(besluit: UUID, zaak url: String, transaction: EventStoreTransaction) async throws -> [BesluitChange] {
        guard let zaak = ZaakReferences.localUUID(url, api: .zaken, collection: "zaken"),
            var version = try await zaakVersion(zaak, transaction: transaction)
        else { return [] }
        let rows = try await transaction.connection.query(
            """
            SELECT uuid FROM zaken.resources WHERE zaak = \(zaak) AND kind = 'zaakbesluit' AND representation->>'besluit' = \(BesluitResource.besluit.url(besluit))
            """, logger: transaction.logger
        ).collect()
        var changes: [BesluitChange] = []
        for row in rows {
            let event = try NewEvent(type: ZaakResource.zaakbesluit.deleted, payload: ZaakEvent(uuid: try row.decode(UUID.self), state: nil, notificatie: nil))
            changes.append(BesluitChange(foreign: ForeignChange(stream: ZaakRepository.stream(zaak), expected: .exact(version), event: event)))
            version += 1
        }
        return changes
    }

    static func zaakVersion(_ zaak: UUID, transaction: EventStoreTransaction) async throws -> Int64? {
        try await transaction.connection.query("SELECT stream_version FROM zaken.zaken WHERE uuid = \(zaak)", logger: transaction.logger)
            .collect().first?.decode(Int64.self)
    }

    static func notification(_ kind: BesluitResource, uuid: UUID, besluit: UUID, state: [String: JSONValue], type: [String: JSONValue]?) -> NotificationFacts {
        var kenmerken = ["verantwoordelijkeOrganisatie": state.string("verantwoordelijkeOrganisatie"), "besluittype": state.string("besluittype")]
        if let catalogus = type?["catalogus"]?.text { kenmerken["besluittype.catalogus"] = catalogus }
        return NotificationFacts(
            kanaal: "besluiten", hoofdObject: BesluitResource.besluit.url(besluit), resource: kind.rawValue, resourceUrl: kind.url(uuid), kenmerken: kenmerken)
    }
}
