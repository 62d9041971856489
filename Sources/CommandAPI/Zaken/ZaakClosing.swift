import Domain
import EventStore
import Foundation
import ZGWHTTP

/// Setting a status (zrc-016), and with it closing (zrc-007, zrc-021) and reopening (zrc-008) the zaak.
struct ZaakClosing: Sendable {
    let references: ZaakReferences

    /// Checks the new status in `state` and returns the zaak's derived change (einddatum, archiving
    /// parameters), if any.
    func setStatus(
        _ state: inout [String: JSONValue], aggregate: ZaakAggregate, zaaktype: [String: JSONValue], authorisation: ZaakAuthorisation,
        transaction: EventStoreTransaction
    ) async throws -> [ZaakChange] {
        guard var zaak = aggregate.zaak else { return [] }
        let zaaktypeURL = zaak.string("zaaktype"), vertrouwelijkheid = zaak.string("vertrouwelijkheidaanduiding")
        func holds(_ scope: String) -> Bool { authorisation.allows(.scope(scope), zaaktype: zaaktypeURL, vertrouwelijkheid: vertrouwelijkheid) }

        let url = state.string("statustype")
        guard let statustype = try await references.catalogi(url, collection: "statustypen", connection: transaction.connection, logger: transaction.logger) else {
            throw ValidationErrors([FieldError(name: "statustype", code: "bad-url", reason: "De URL \(url) is ongeldig of gaf geen 200.")])
        }
        guard (zaaktype["statustypen"]?.strings ?? []).contains(url) else {
            throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "zaaktype-mismatch", reason: "Het statustype hoort niet bij het zaaktype van de zaak.")])
        }
        let closes = statustype["isEindstatus"] == .bool(true)

        // Who may set it: the first status with zaken.aanmaken; later ones with zaken.statussen.toevoegen;
        // a non-end status on a closed zaak (reopening, zrc-008) with zaken.heropenen; another end status on a
        // closed zaak only with zaken.geforceerd-bijwerken (zrc-007).
        let allowed: Bool
        if aggregate.isClosed {
            allowed = closes ? holds(ZaakCommands.geforceerd) : holds("zaken.heropenen")
        } else if aggregate.all(.status).isEmpty {
            allowed = holds("zaken.aanmaken") || holds("zaken.statussen.toevoegen")
        } else {
            allowed = holds("zaken.statussen.toevoegen")
        }
        guard allowed else { throw ZGWError.permissionDenied() }
        if !state.string("gezetdoor").isEmpty, !aggregate.all(.rol).contains(where: { $0.state.string("url") == state.string("gezetdoor") }) {
            throw ValidationErrors([FieldError(name: "gezetdoor", code: "does_not_exist", reason: "De rol hoort niet bij deze zaak.")])
        }
        state["indicatieLaatstGezetteStatus"] = .bool(false)
        state["zaakinformatieobjecten"] = .array([])

        let previous = zaak
        if closes {
            // zrc-007: only with a resultaat; the einddatum is the date the status was set.
            guard let resultaat = aggregate.all(.resultaat).first?.state else {
                throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "resultaat-does-not-exist", reason: "De zaak heeft geen resultaat; zet eerst een resultaat.")])
            }
            // …and only when every document of the zaak says whether it has gebruiksrechten, and none is locked
            // (Open Zaak).
            for zio in aggregate.all(.zaakinformatieobject) {
                let url = zio.state.string("informatieobject")
                guard let document = try await references.informatieobject(url, connection: transaction.connection, logger: transaction.logger) else { continue }
                if document["indicatieGebruiksrecht"] == nil || document["indicatieGebruiksrecht"] == .null {
                    throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "indicatiegebruiksrecht-unset", reason: "Van alle informatieobjecten van de zaak moet indicatieGebruiksrecht gezet zijn voor de zaak afgesloten kan worden.")])
                }
                if document["locked"] == .bool(true) {
                    throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "informatieobject-locked", reason: "Een informatieobject van de zaak is gelocked; unlock het eerst.")])
                }
            }
            // Open Zaak: a hoofdzaak closes after its deelzaken.
            let open = try await transaction.connection.query(
                "SELECT 1 FROM zaken.zaken WHERE hoofdzaak = \(aggregate.uuid) AND einddatum IS NULL LIMIT 1", logger: transaction.logger
            ).collect()
            if !open.isEmpty {
                throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "deelzaken-not-closed", reason: "De deelzaken van deze zaak moeten eerst afgesloten worden.")])
            }
            let einddatum = ZGWDateTime.parse(state.string("datumStatusGezet")).map { ZGWDateTime.today($0) } ?? ZGWDateTime.today()
            zaak["einddatum"] = .string(einddatum.description)
            try await ZaakArchiving(references: references).apply(
                to: &zaak, einddatum: einddatum, resultaat: resultaat, aggregate: aggregate, transaction: transaction)
        } else if aggregate.isClosed {
            // Open Zaak: a deelzaak of a closed hoofdzaak stays closed.
            if let hoofdzaak = zaak["hoofdzaak"]?.text, !hoofdzaak.isEmpty,
                let (_, state) = try await references.zaak(hoofdzaak, connection: transaction.connection, logger: transaction.logger), !state.string("einddatum").isEmpty
            {
                throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "hoofdzaak-closed", reason: "De hoofdzaak is afgesloten; heropen die eerst.")])
            }
            // zrc-008: reopened, so no end and no archiving yet.
            zaak["einddatum"] = .null
            zaak["archiefactiedatum"] = .null
            zaak["archiefnominatie"] = .null
        }
        guard zaak != previous else { return [] }
        return [ZaakChange(zaak: aggregate.uuid, type: ZaakResource.zaak.updated, event: ZaakEvent(uuid: aggregate.uuid, state: zaak, notificatie: nil))]
    }
}
