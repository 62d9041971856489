import Domain
import EventStore
import Foundation

/// zrc-021: the archiving parameters a zaak gets when it is closed, from its resultaattype: the
/// archiefnominatie, and the archiefactiedatum = brondatum + archiefactietermijn, where the brondatum
/// follows the resultaattype's `brondatumArchiefprocedure.afleidingswijze`. Only fields still empty are
/// filled; a brondatum that cannot be determined yet leaves the archiefactiedatum empty.
struct ZaakArchiving: Sendable {
    let references: ZaakReferences

    func apply(
        to zaak: inout [String: JSONValue], einddatum: ZGWDate, resultaat: [String: JSONValue], aggregate: ZaakAggregate,
        transaction: EventStoreTransaction
    ) async throws {
        guard let resultaattype = try await references.catalogi(
            resultaat.string("resultaattype"), collection: "resultaattypen", connection: transaction.connection, logger: transaction.logger)
        else { return }
        if zaak.string("archiefnominatie").isEmpty, let nominatie = resultaattype["archiefnominatie"]?.text, !nominatie.isEmpty {
            zaak["archiefnominatie"] = .string(nominatie)
        }
        guard zaak.string("archiefactiedatum").isEmpty, let termijn = resultaattype["archiefactietermijn"]?.text, !termijn.isEmpty,
            case .object(let procedure)? = resultaattype["brondatumArchiefprocedure"],
            let brondatum = try await brondatum(procedure, einddatum: einddatum, zaak: zaak, aggregate: aggregate, transaction: transaction)
        else { return }
        zaak["startdatumBewaartermijn"] = .string(brondatum.description)
        if let actiedatum = brondatum.adding(duration: termijn) { zaak["archiefactiedatum"] = .string(actiedatum.description) }
    }

    func brondatum(
        _ procedure: [String: JSONValue], einddatum: ZGWDate, zaak: [String: JSONValue], aggregate: ZaakAggregate, transaction: EventStoreTransaction
    ) async throws -> ZGWDate? {
        let datumkenmerk = procedure.string("datumkenmerk")
        switch procedure.string("afleidingswijze") {
        case "afgehandeld":
            return einddatum
        case "termijn":
            return einddatum.adding(duration: procedure.string("procestermijn"))
        case "eigenschap":
            let waarde = aggregate.all(.zaakeigenschap).first { $0.state.string("naam") == datumkenmerk }?.state.string("waarde")
            return waarde.flatMap { ZGWDate(String($0.prefix(10))) }
        case "zaakobject":
            // The object's attributes: the resource behind `object` (fetched ahead of the transaction), else the
            // zaakobject's own objectIdentificatie.
            var objects: [[String: JSONValue]] = []
            for zaakobject in aggregate.all(.zaakobject) where zaakobject.state.string("objectType") == procedure.string("objecttype") {
                let url = zaakobject.state.string("object")
                if !url.isEmpty {
                    if !ZaakReferences.isLocal(url), let remote = await references.remote.object(at: url) { objects.append(remote) }
                } else if case .object(let identificatie)? = zaakobject.state["objectIdentificatie"] {
                    objects.append(identificatie)
                }
            }
            return ZaakobjectBrondatum.latest(in: objects, datumkenmerk: datumkenmerk)
        case "hoofdzaak":
            guard let url = zaak["hoofdzaak"]?.text, !url.isEmpty,
                let (_, hoofdzaak) = try await references.zaak(url, connection: transaction.connection, logger: transaction.logger)
            else { return nil }
            return ZGWDate(hoofdzaak.string("einddatum"))
        case "gerelateerde_zaak":
            var dates: [ZGWDate] = []
            if case .array(let relations)? = zaak["relevanteAndereZaken"] {
                for case .object(let relation) in relations {
                    if let (_, related) = try await references.zaak(relation.string("url"), connection: transaction.connection, logger: transaction.logger),
                        let date = ZGWDate(related.string("einddatum"))
                    {
                        dates.append(date)
                    }
                }
            }
            return dates.max()
        case "ingangsdatum_besluit", "vervaldatum_besluit":
            // The latest date of the zaak's besluiten (ours, by their zaak; external ones are not consulted).
            let field = procedure.string("afleidingswijze") == "ingangsdatum_besluit" ? "ingangsdatum" : "vervaldatum"
            let zaakURL = ZaakResource.zaak.url(aggregate.uuid, zaak: aggregate.uuid)
            let rows = try await transaction.connection.query(
                "SELECT max(representation->>\(field)) FROM besluiten.besluiten WHERE zaak = \(zaakURL)", logger: transaction.logger
            ).collect()
            return try rows.first?.decode(String?.self).flatMap { ZGWDate($0) }
        default:
            // ander_datumkenmerk is set by hand.
            return nil
        }
    }
}
