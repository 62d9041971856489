import Domain
import EventStore
import Foundation
import PostgresNIO

/// The rules of the resources under a zaak (zrc-003 … 005, 016 … 020 and Open Zaak's checks), run in the
/// write's transaction. `state` is the new state (merged with `previous` on updates); the rules complete
/// what the API derives. Returns extra changes the write causes (the mirrored objectinformatieobject of a zaakinformatieobject).
struct SubResourceRules: Sendable {
    let references: ZaakReferences

    func prepare(
        _ kind: ZaakResource, _ state: inout [String: JSONValue], previous: [String: JSONValue]?, aggregate: ZaakAggregate,
        zaaktype: [String: JSONValue], transaction: EventStoreTransaction
    ) async throws -> [ZaakChange] {
        var errors: [FieldError] = []
        var extra: [ZaakChange] = []
        func immutable(_ fields: String...) {
            guard let previous else { return }
            for field in fields where state[field] != previous[field] {
                errors.append(FieldError(name: field, code: "wijzigen-niet-toegelaten", reason: "Dit veld mag niet gewijzigd worden."))
            }
        }
        /// zrc-016 … 020: the type must be one of the zaak's zaaktype.
        func ofZaaktype(_ field: String, list: String, collection: String) async throws -> [String: JSONValue]? {
            let url = state.string(field)
            guard let type = try await references.catalogi(url, collection: collection, connection: transaction.connection, logger: transaction.logger) else {
                errors.append(FieldError(name: field, code: "bad-url", reason: "De URL \(url) is ongeldig of gaf geen 200."))
                return nil
            }
            if !(zaaktype[list]?.strings ?? []).contains(url) {
                errors.append(FieldError(name: "nonFieldErrors", code: "zaaktype-mismatch", reason: "De referentie hoort niet bij het zaaktype van de zaak."))
            }
            return type
        }
        let now = ZGWDateTime.format(Date())

        switch kind {
        case .resultaat:
            immutable("resultaattype")
            if previous == nil, !aggregate.all(.resultaat).isEmpty {
                errors.append(FieldError(name: "zaak", code: "unique", reason: "Een zaak heeft maximaal één resultaat."))
            }
            _ = try await ofZaaktype("resultaattype", list: "resultaattypen", collection: "resultaattypen")

        case .rol:
            immutable("roltype", "betrokkeneType")
            if let roltype = try await ofZaaktype("roltype", list: "roltypen", collection: "roltypen") {
                state["omschrijving"] = roltype["omschrijving"] ?? .string("")
                state["omschrijvingGeneriek"] = roltype["omschrijvingGeneriek"] ?? .string("")
            }
            if state.string("betrokkene").isEmpty, state["betrokkeneIdentificatie"] == nil || state["betrokkeneIdentificatie"] == .null {
                errors.append(FieldError(name: "nonFieldErrors", code: "invalid-betrokkene", reason: "betrokkene of betrokkeneIdentificatie moet opgegeven worden."))
            }
            if previous == nil { state["registratiedatum"] = .string(now) }
            state["statussen"] = previous?["statussen"] ?? .array([])

        case .zaakeigenschap:
            immutable("eigenschap")
            if let eigenschap = try await ofZaaktype("eigenschap", list: "eigenschappen", collection: "eigenschappen") {
                state["naam"] = eigenschap["naam"] ?? .string("")
            }

        case .zaakobject:
            immutable("object", "objectType", "objectTypeOverige")
            if state.string("object").isEmpty, state["objectIdentificatie"] == nil || state["objectIdentificatie"] == .null {
                errors.append(FieldError(name: "nonFieldErrors", code: "invalid-zaakobject", reason: "object of objectIdentificatie moet opgegeven worden."))
            }
            if state.string("objectType") == "overige", state.string("objectTypeOverige").isEmpty,
                state["objectTypeOverigeDefinitie"] == nil || state["objectTypeOverigeDefinitie"] == .null
            {
                errors.append(FieldError(name: "objectTypeOverige", code: "required", reason: "Bij objectType overige is objectTypeOverige of objectTypeOverigeDefinitie vereist."))
            }
            if !state.string("zaakobjecttype").isEmpty {
                _ = try await ofZaaktype("zaakobjecttype", list: "zaakobjecttypen", collection: "zaakobjecttypen")
            }
            if previous == nil { errors += try await resolves(state.string("object"), field: "object") }

        case .zaakinformatieobject:
            immutable("informatieobject")
            state["aardRelatieWeergave"] = .string("Hoort bij, omgekeerd: kent")
            if previous == nil {
                state["registratiedatum"] = .string(now)
                if let archiefstatus = aggregate.zaak?.string("archiefstatus"), archiefstatus != "nog_te_archiveren", !archiefstatus.isEmpty {
                    errors.append(FieldError(name: "nonFieldErrors", code: "zaak-archiefstatus", reason: "Aan een gearchiveerde zaak kunnen geen informatieobjecten toegevoegd worden."))
                }
                let informatieobject = state.string("informatieobject")
                if aggregate.all(.zaakinformatieobject).contains(where: { $0.state.string("informatieobject") == informatieobject }) {
                    errors.append(FieldError(name: "nonFieldErrors", code: "unique", reason: "De velden zaak, informatieobject moeten een unieke set zijn."))
                }
                errors += try await checkInformatieobject(
                    informatieobject, zio: state, zaak: aggregate.uuid, zaaktype: zaaktype, transaction: transaction, extra: &extra)
            }
            if !state.string("status").isEmpty, !aggregate.all(.status).contains(where: { $0.state.string("url") == state.string("status") }) {
                errors.append(FieldError(name: "status", code: "does_not_exist", reason: "De status hoort niet bij deze zaak."))
            }

        case .klantcontact:
            if state.string("identificatie").isEmpty { state["identificatie"] = .string(String(UUID().uuidString.prefix(14))) }

        case .zaakcontactmoment:
            errors += try await resolves(state.string("contactmoment"), field: "contactmoment")

        case .zaakverzoek:
            errors += try await resolves(state.string("verzoek"), field: "verzoek")

        case .zaakbesluit:
            let besluit = state.string("besluit")
            if aggregate.all(.zaakbesluit).contains(where: { $0.state.string("besluit") == besluit }) {
                errors.append(FieldError(name: "nonFieldErrors", code: "unique", reason: "De velden zaak, besluit moeten een unieke set zijn."))
            } else if let uuid = ZaakReferences.localUUID(besluit, api: .besluiten, collection: "besluiten") {
                let rows = try await transaction.connection.query("SELECT 1 FROM besluiten.besluiten WHERE uuid = \(uuid)", logger: transaction.logger).collect()
                if rows.isEmpty { errors.append(FieldError(name: "besluit", code: "bad-url", reason: "De URL \(besluit) is ongeldig of gaf geen 200.")) }
            } else {
                errors += try await resolves(besluit, field: "besluit")
            }

        case .zaak, .status:
            break
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return extra
    }

    /// A URL of another API must answer 200 (`bad-url`). Used for contactmomenten and verzoeken, which this
    /// server does not serve: a URL under our own host cannot be one.
    func resolves(_ url: String, field: String) async throws -> [FieldError] {
        guard !url.isEmpty else { return [] }
        let found = ZaakReferences.isLocal(url) ? false : await references.remote.object(at: url) != nil
        return found ? [] : [FieldError(name: field, code: "bad-url", reason: "De URL \(url) is ongeldig of gaf geen 200.")]
    }

    /// zrc-003 / zrc-017: the document resolves and its informatieobjecttype is one of the zaaktype's. One of
    /// our documents gets its objectinformatieobject in the same transaction (zrc-005, atomic).
    func checkInformatieobject(
        _ url: String, zio: [String: JSONValue], zaak: UUID, zaaktype: [String: JSONValue], transaction: EventStoreTransaction, extra: inout [ZaakChange]
    ) async throws -> [FieldError] {
        let badURL = [FieldError(name: "informatieobject", code: "bad-url", reason: "De URL \(url) is ongeldig of gaf geen 200.")]
        let document: [String: JSONValue]
        var local: (uuid: UUID, document: [String: JSONValue], version: Int64)?
        if ZaakReferences.isLocal(url) {
            guard let found = try await references.document(url, connection: transaction.connection, logger: transaction.logger) else { return badURL }
            local = found
            document = found.document
        } else {
            guard let found = await references.remote.object(at: url) else { return badURL }
            document = found
        }
        guard let type = document["informatieobjecttype"]?.text else {
            return [FieldError(name: "informatieobject", code: "invalid-resource", reason: "De URL verwijst niet naar een informatieobject.")]
        }
        let allowed = zaaktype["informatieobjecttypen"]?.strings ?? []
        if !allowed.contains(references.stored(type)) {
            return [FieldError(name: "nonFieldErrors", code: "missing-zaaktype-informatieobjecttype-relation", reason: "Het informatieobjecttype hoort niet bij het zaaktype van de zaak.")]
        }
        if let local {
            extra.append(try ObjectInformatieObjectMirror.created(document: local.uuid, version: local.version, zaak: zaak, informatieobject: url))
        }
        return []
    }
}
