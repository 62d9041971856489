import Domain
import Foundation
import ZGWHTTP

/// The filters of `GET /zaken` and `POST /zaken/_zoek` (the same names, from the query string or the body),
/// as SQL conditions on `zaken.zaken`. Values are validated like input: a malformed date or URL is a 400
/// naming the parameter.
struct ZaakListFilters {
    let baseURL: String

    static let dateFields = [
        ("startdatum", "startdatum", ["", "__gt", "__gte", "__lt", "__lte"]), ("registratiedatum", "registratiedatum", ["", "__gt", "__lt"]),
        ("einddatum", "einddatum", ["", "__gt", "__lt", "__isnull"]), ("einddatumGepland", "einddatum_gepland", ["", "__gt", "__lt"]),
        ("uiterlijkeEinddatumAfdoening", "uiterlijke_einddatum_afdoening", ["", "__gt", "__lt"]),
        ("archiefactiedatum", "archiefactiedatum", ["", "__gt", "__lt", "__isnull"]),
    ]
    static let rolIdentificaties = [
        ("natuurlijkPersoon", "natuurlijk_persoon", ["inpBsn", "anpIdentificatie", "inpA_nummer"]),
        ("nietNatuurlijkPersoon", "niet_natuurlijk_persoon", ["innNnpId", "annIdentificatie"]),
        ("vestiging", "vestiging", ["vestigingsNummer"]), ("organisatorischeEenheid", "organisatorische_eenheid", ["identificatie"]),
        ("medewerker", "medewerker", ["identificatie"]),
    ]
    static let orderingFields = ["startdatum": "startdatum", "einddatum": "einddatum", "publicatiedatum": "publicatiedatum",
                                 "archiefactiedatum": "archiefactiedatum", "identificatie": "identificatie", "registratiedatum": "registratiedatum"]

    /// Every parameter name `GET /zaken` takes.
    static let names: Set<String> = {
        var names: Set<String> = ["identificatie", "bronorganisatie", "bronorganisatie__in", "zaaktype", "archiefnominatie", "archiefnominatie__in",
                                  "archiefstatus", "archiefstatus__in", "rol__betrokkeneType", "rol__betrokkene", "rol__omschrijvingGeneriek",
                                  "maximaleVertrouwelijkheidaanduiding", "ordering", "expand", "page", "pageSize"]
        for (name, _, suffixes) in dateFields { for suffix in suffixes { names.insert(name + suffix) } }
        for (group, _, fields) in rolIdentificaties { for field in fields { names.insert("rol__betrokkeneIdentificatie__\(group)__\(field)") } }
        return names
    }()

    /// The parameters whose conditions hold on `zaken.zaak_counts` as well (same column names): a list filtered by
    /// these alone is counted from the counts. The authorisation filter holds there too.
    static let countedNames: Set<String> = [
        "bronorganisatie", "bronorganisatie__in", "zaaktype", "zaaktype__in", "maximaleVertrouwelijkheidaanduiding", "ordering", "expand", "page", "pageSize",
    ]

    /// Adds the conditions of `values` (parameter name → value; lists comma-separated) to `filter`.
    func apply(_ values: [String: String], to filter: inout SQLFilter) throws(ZGWError) {
        func list(_ name: String) -> [String]? {
            values[name].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        }
        filter.equals("identificatie", values["identificatie"])
        filter.equals("bronorganisatie", values["bronorganisatie"])
        filter.isIn("bronorganisatie", list("bronorganisatie__in"))
        if let zaaktype = values["zaaktype"] { filter.equals("zaaktype", try stored(zaaktype, name: "zaaktype")) }
        if let zaaktypen = list("zaaktype__in") {
            var stored: [String] = []
            for zaaktype in zaaktypen { stored.append(try self.stored(zaaktype, name: "zaaktype__in")) }
            filter.isIn("zaaktype", stored)
        }
        if let uuids = list("uuid__in") {
            let parsed = uuids.compactMap(UUID.init(uuidString:))
            guard parsed.count == uuids.count else { throw .validation([InvalidParam(name: "uuid__in", code: "invalid", reason: "Voer geldige UUIDs in.")]) }
            filter.add(parsed) { "uuid = ANY(\($0))" }
        }
        filter.equals("archiefnominatie", values["archiefnominatie"])
        filter.isIn("archiefnominatie", list("archiefnominatie__in"))
        filter.equals("archiefstatus", values["archiefstatus"])
        filter.isIn("archiefstatus", list("archiefstatus__in"))
        for (name, column, suffixes) in Self.dateFields {
            for suffix in suffixes {
                guard let value = values[name + suffix] else { continue }
                if suffix == "__isnull" {
                    guard let isNull = ["true": true, "True": true, "1": true, "false": false, "False": false, "0": false][value] else {
                        throw .validation([InvalidParam(name: name + suffix, code: "invalid", reason: "Kies true of false.")])
                    }
                    filter.add(isNull ? "(\(column) IS NULL OR \(column) = '')" : "(\(column) IS NOT NULL AND \(column) <> '')")
                    continue
                }
                guard ZGWDate(value) != nil else {
                    throw .validation([InvalidParam(name: name + suffix, code: "invalid", reason: "Voer een geldige datum in.")])
                }
                let op = ["": "=", "__gt": ">", "__gte": ">=", "__lt": "<", "__lte": "<="][suffix]!
                filter.add(value) { "\(column) \(op) \($0)" }
            }
        }
        if let maximum = values["maximaleVertrouwelijkheidaanduiding"] {
            guard let level = Vertrouwelijkheidaanduiding(rawValue: maximum) else {
                throw .validation([InvalidParam(name: "maximaleVertrouwelijkheidaanduiding", code: "invalid_choice", reason: "\(maximum) is geen geldige keuze.")])
            }
            filter.add(Int16(level.rank)) { "vertrouwelijkheid <= \($0)" }
        }
        // All rol__ filters must hold for one and the same rol.
        var rol: [String: JSONValue] = [:]
        if let type = values["rol__betrokkeneType"] { rol["betrokkeneType"] = .string(type) }
        if let betrokkene = values["rol__betrokkene"] { rol["betrokkene"] = .string(try stored(betrokkene, name: "rol__betrokkene")) }
        if let generiek = values["rol__omschrijvingGeneriek"] { rol["omschrijvingGeneriek"] = .string(generiek) }
        for (group, type, fields) in Self.rolIdentificaties {
            for field in fields {
                guard let value = values["rol__betrokkeneIdentificatie__\(group)__\(field)"] else { continue }
                rol["betrokkeneType"] = .string(type)
                var identificatie: [String: JSONValue] = [:]
                if case .object(let existing)? = rol["betrokkeneIdentificatie"] { identificatie = existing }
                identificatie[field] = .string(value)
                rol["betrokkeneIdentificatie"] = .object(identificatie)
            }
        }
        if !rol.isEmpty {
            let json = String(decoding: (try? JSONEncoder().encode(JSONValue.object(rol))) ?? Data(), as: UTF8.self)
            filter.add(json) {
                "EXISTS (SELECT 1 FROM zaken.resources r WHERE r.zaak = zaken.zaken.uuid AND r.kind = 'rol' AND r.representation @> \($0)::jsonb)"
            }
        }
    }

    /// `ordering=-startdatum,identificatie` as an ORDER BY list (creation order breaks ties).
    func ordering(_ value: String?) throws(ZGWError) -> String {
        guard let value, !value.isEmpty else { return "created_position" }
        var parts: [String] = []
        for field in value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let descending = field.hasPrefix("-")
            guard let column = Self.orderingFields[descending ? String(field.dropFirst()) : field] else {
                throw .validation([InvalidParam(name: "ordering", code: "invalid_choice", reason: "Onbekend sorteerveld \(field).")])
            }
            parts.append(column + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST"))
        }
        return parts.joined(separator: ", ") + ", created_position"
    }

    /// A URL filter value in stored form; 400 when it is no URL.
    func stored(_ url: String, name: String) throws(ZGWError) -> String {
        guard let parsed = URL(string: url), parsed.scheme == "http" || parsed.scheme == "https", parsed.host != nil else {
            throw .validation([InvalidParam(name: name, code: "invalid", reason: "Voer een geldige URL in.")])
        }
        return ResourceURL.stored(url, baseURL: baseURL)
    }

    /// zrc-006 in SQL: only zaken of a zaaktype the client may read `scope` for, up to its maximum
    /// vertrouwelijkheidaanduiding.
    static func restrict(_ filter: inout SQLFilter, to visible: [(zaaktype: String, maxRank: Int)]?, zaakColumn: String? = nil) {
        TypeVisibility.restrict(
            &filter, to: visible?.map { ($0.zaaktype, $0.maxRank) }, table: "zaken.zaken", typeColumn: "zaaktype", row: zaakColumn ?? "zaken.zaken.uuid")
    }
}
