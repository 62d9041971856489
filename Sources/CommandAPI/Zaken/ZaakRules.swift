import Domain
import EventStore
import Foundation
import Logging
import PostgresNIO

/// The rules of the zaak itself (VNG zrc-001, 002, 009, 011 … 015, 022), checked inside the write's
/// transaction against the zaak's previous state (nil on create). Fills what the API derives.
struct ZaakRules: Sendable {
    let references: ZaakReferences

    static let betalingsindicatieWeergave = [
        "nvt": "Er is geen sprake van te betalen, met de zaak gemoeide, kosten.",
        "nog_niet": "De met de zaak gemoeide kosten zijn (nog) niet betaald.",
        "gedeeltelijk": "De met de zaak gemoeide kosten zijn gedeeltelijk betaald.",
        "geheel": "De met de zaak gemoeide kosten zijn geheel betaald.",
    ]

    /// Checks `state` (all writable fields, normalised) and completes it; returns the zaaktype.
    func check(
        _ state: inout [String: JSONValue], uuid: UUID, previous: [String: JSONValue]?, documents: [String] = [], transaction: EventStoreTransaction
    ) async throws -> [String: JSONValue] {
        let connection = transaction.connection, logger = transaction.logger
        var errors: [FieldError] = []
        func text(_ key: String) -> String { state[key]?.text ?? "" }

        // zrc-001: a published zaaktype we can resolve, never changed afterwards.
        let zaaktypeURL = text("zaaktype")
        if let previous, previous["zaaktype"]?.text != zaaktypeURL {
            throw ValidationErrors([FieldError(name: "zaaktype", code: "wijzigen-niet-toegelaten", reason: "Het zaaktype mag niet gewijzigd worden.")])
        }
        let zaaktype = try await references.resolve(
            zaaktypeURL, api: .catalogi, collection: "zaaktypen", requiredFields: ResourceShape.zaaktype, connection: connection, logger: logger
        ).get(orThrowFor: "zaaktype", resource: "zaaktype")
        if zaaktype["concept"] == .bool(true) {
            errors.append(FieldError(name: "zaaktype", code: "not-published", reason: "Het zaaktype is nog niet gepubliceerd."))
        }

        var validator = FieldValidator()
        validator.rsin(text("bronorganisatie"), "bronorganisatie", required: true)
        validator.rsin(text("verantwoordelijkeOrganisatie"), "verantwoordelijkeOrganisatie", required: true)
        validator.rsin(text("opdrachtgevendeOrganisatie"), "opdrachtgevendeOrganisatie", required: false)
        errors += validator.errors

        // zrc-002: identificatie and bronorganisatie are fixed once the zaak exists.
        if let previous {
            for field in ["identificatie", "bronorganisatie"] where text(field).isEmpty || text(field) != previous[field]?.text {
                if text(field).isEmpty { state[field] = previous[field] } else {
                    errors.append(FieldError(name: field, code: "wijzigen-niet-toegelaten", reason: "Dit veld mag niet gewijzigd worden."))
                }
            }
        }

        // zrc-009: the zaaktype's vertrouwelijkheidaanduiding unless one is given.
        if text("vertrouwelijkheidaanduiding").isEmpty {
            state["vertrouwelijkheidaanduiding"] = zaaktype["vertrouwelijkheidaanduiding"] ?? .string("openbaar")
        }
        if text("registratiedatum").isEmpty { state["registratiedatum"] = .string(ZGWDateTime.today().description) }
        if text("archiefstatus").isEmpty { state["archiefstatus"] = .string("nog_te_archiveren") }

        // zrc-014: nothing to pay, so no payment date; and no payment in the future.
        let betalingsindicatie = text("betalingsindicatie")
        if betalingsindicatie == "nvt", state["laatsteBetaaldatum"] != .null {
            if previous?["betalingsindicatie"]?.text != "nvt", previous?["laatsteBetaaldatum"] == state["laatsteBetaaldatum"] {
                state["laatsteBetaaldatum"] = .null
            } else {
                errors.append(FieldError(name: "laatsteBetaaldatum", code: "betaling-nvt", reason: "Er kan geen betaaldatum zijn als er niets te betalen is."))
            }
        }
        if let paid = state["laatsteBetaaldatum"]?.text.flatMap(ZGWDateTime.parse), paid > Date().addingTimeInterval(60) {
            errors.append(FieldError(name: "laatsteBetaaldatum", code: "date-in-future", reason: "De datum mag niet in de toekomst liggen."))
        }
        state["betalingsindicatieWeergave"] = .string(Self.betalingsindicatieWeergave[betalingsindicatie] ?? "")

        // zrc-015: only the zaaktype's producten en diensten.
        let allowed = Set(zaaktype["productenOfDiensten"]?.strings ?? [])
        if !(state["productenOfDiensten"]?.strings ?? []).allSatisfy(allowed.contains) {
            errors.append(FieldError(name: "productenOfDiensten", code: "invalid-products-services", reason: "Niet alle producten/diensten komen voor in de producten/diensten op het zaaktype."))
        }

        errors += try await checkHoofdzaak(state["hoofdzaak"]?.text, uuid: uuid, connection: connection, logger: logger)
        errors += try await checkRelevanteAndereZaken(state["relevanteAndereZaken"], connection: connection, logger: logger)
        if let kanaal = state["communicatiekanaal"]?.text, !kanaal.isEmpty, previous?["communicatiekanaal"]?.text != kanaal {
            errors += try await checkCommunicatiekanaal(kanaal, connection: connection, logger: logger)
        }

        // zrc-022: archived only with every document archived, a nominatie and an actiedatum; the documents'
        // refusal is the first invalid param.
        if text("archiefstatus") != "nog_te_archiveren" {
            var statuses: [String?] = []
            for document in documents {
                statuses.append(try await references.informatieobject(document, connection: connection, logger: logger)?.string("status"))
            }
            errors.insert(contentsOf: ArchiefstatusRule.refusals(state, documentStatuses: statuses), at: 0)
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        state["einddatum"] = previous?["einddatum"] ?? .null
        return zaaktype
    }

    /// zrc-013: a zaak of this API, not this one, and not itself a deelzaak.
    func checkHoofdzaak(_ url: String?, uuid: UUID, connection: PostgresConnection, logger: Logger) async throws -> [FieldError] {
        guard let url, !url.isEmpty else { return [] }
        guard let hoofdzaakUUID = ZaakReferences.localUUID(url, api: .zaken, collection: "zaken") else {
            return [FieldError(name: "hoofdzaak", code: "no_match", reason: "Ongeldige hyperlink - Geen URL match.")]
        }
        if hoofdzaakUUID == uuid {
            return [FieldError(name: "hoofdzaak", code: "self-forbidden", reason: "Een zaak kan niet haar eigen hoofdzaak zijn.")]
        }
        guard let (_, hoofdzaak) = try await references.zaak(url, connection: connection, logger: logger) else {
            return [FieldError(name: "hoofdzaak", code: "does_not_exist", reason: "Ongeldige hyperlink - Object bestaat niet.")]
        }
        if let parent = hoofdzaak["hoofdzaak"]?.text, !parent.isEmpty {
            return [FieldError(name: "hoofdzaak", code: "deelzaak-als-hoofdzaak", reason: "Een deelzaak kan niet als hoofdzaak gebruikt worden.")]
        }
        return []
    }

    /// zrc-011: every related zaak must resolve.
    func checkRelevanteAndereZaken(_ value: JSONValue?, connection: PostgresConnection, logger: Logger) async throws -> [FieldError] {
        guard case .array(let items)? = value else { return [] }
        var errors: [FieldError] = []
        for (index, item) in items.enumerated() {
            guard case .object(let relation) = item, let url = relation["url"]?.text else { continue }
            let found = ZaakReferences.isLocal(url)
                ? try await references.zaak(url, connection: connection, logger: logger) != nil
                : await references.remote.object(at: url) != nil
            if !found {
                errors.append(FieldError(name: "relevanteAndereZaken.\(index).url", code: "bad-url", reason: "De URL is ongeldig of gaf geen 200."))
            }
        }
        return errors
    }

    /// zrc-010: a communicatiekanaal of the Referentielijsten API.
    /// Referentielijsten is never this server, so one of our URLs is a 200 of something else, or a 404.
    func checkCommunicatiekanaal(_ url: String, connection: PostgresConnection, logger: Logger) async throws -> [FieldError] {
        try await references.resolve(
            url, api: nil, collection: "communicatiekanalen", requiredFields: ResourceShape.communicatiekanaal, connection: connection, logger: logger
        ).fieldErrors("communicatiekanaal", resource: "communicatiekanaal")
    }
}
