import Domain
import Foundation

/// A zaak with everything under it, as the API serves them (`zaak` as `GET /zaken/{uuid}` answers, and each
/// resource as its own detail answers), computed from a folded stream: what the read models hold, derived
/// the same way (latest status, the zaak's lists, a rol's statussen, a status's ZIOs). Used for "the zaak as
/// of an instant"; a test holds it equal to the live API.
public enum ZaakView {
    /// Nil when the zaak does not exist in `aggregate` (not yet created, or deleted). `deelzaken` are the stored
    /// URLs of the zaken whose hoofdzaak this zaak was at that instant.
    public static func render(_ aggregate: ZaakAggregate, deelzaken: [String] = []) -> JSONValue? {
        guard var zaak = aggregate.zaak else { return nil }
        let statussen = aggregate.all(.status)
        let latest = statussen.enumerated().max { lhs, rhs in
            let (left, right) = (lhs.element.state.string("datumStatusGezet"), rhs.element.state.string("datumStatusGezet"))
            return left == right ? lhs.offset < rhs.offset : left < right
        }?.element.uuid
        let zios = aggregate.all(.zaakinformatieobject)
        var statusViews: [JSONValue] = []
        for (uuid, state) in statussen {
            var status = state
            status["indicatieLaatstGezetteStatus"] = .bool(uuid == latest)
            status["zaakinformatieobjecten"] = .array(zios.filter { $0.state["status"] == state["url"] }.compactMap { $0.state["url"] })
            statusViews.append(.object(status))
        }
        var rolViews: [JSONValue] = []
        for (_, state) in aggregate.all(.rol) {
            var rol = state
            rol["statussen"] = .array(statussen.filter { $0.state["gezetdoor"] == state["url"] }.compactMap { $0.state["url"] })
            rolViews.append(.object(rol))
        }
        func urls(_ kind: ZaakResource) -> JSONValue { .array(aggregate.all(kind).compactMap { $0.state["url"] }) }
        zaak["status"] = latest.flatMap { aggregate.state(of: .status, $0)?["url"] } ?? .null
        zaak["resultaat"] = aggregate.all(.resultaat).first?.state["url"] ?? .null
        zaak["rollen"] = urls(.rol)
        zaak["eigenschappen"] = urls(.zaakeigenschap)
        zaak["zaakobjecten"] = urls(.zaakobject)
        zaak["zaakinformatieobjecten"] = urls(.zaakinformatieobject)
        zaak["deelzaken"] = .array(deelzaken.map(JSONValue.string))
        func objects(_ kind: ZaakResource) -> JSONValue { .array(aggregate.all(kind).map { .object($0.state) }) }
        return .object([
            "zaak": .object(zaak), "statussen": .array(statusViews), "resultaat": aggregate.all(.resultaat).first.map { .object($0.state) } ?? .null,
            "rollen": .array(rolViews), "zaakeigenschappen": objects(.zaakeigenschap), "zaakobjecten": objects(.zaakobject),
            "zaakinformatieobjecten": objects(.zaakinformatieobject), "klantcontacten": objects(.klantcontact),
            "zaakcontactmomenten": objects(.zaakcontactmoment), "zaakverzoeken": objects(.zaakverzoek), "besluiten": objects(.zaakbesluit),
        ])
    }
}
