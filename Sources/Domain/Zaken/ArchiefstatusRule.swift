/// zrc-022: a zaak leaves `nog_te_archiveren` only when every informatieobject of the zaak is `gearchiveerd`
/// (`documents-not-archived`) and its archiefnominatie and archiefactiedatum are set. The documents come first,
/// as in the reference, which checks them before anything else about the zaak.
public enum ArchiefstatusRule {
    /// The refusals for a zaak with `state`, whose documents have `documentStatuses`; empty when allowed.
    public static func refusals(_ state: [String: JSONValue], documentStatuses: [String?]) -> [FieldError] {
        guard state.string("archiefstatus") != "nog_te_archiveren" else { return [] }
        var errors: [FieldError] = []
        if documentStatuses.contains(where: { $0 != "gearchiveerd" }) {
            errors.append(FieldError(name: "archiefstatus", code: "documents-not-archived", reason: "Alle informatieobjecten van de zaak moeten de status 'gearchiveerd' hebben."))
        }
        let reason = "Moet van een waarde voorzien zijn als de 'Archiefstatus' een waarde heeft anders dan 'nog_te_archiveren'."
        if state.string("archiefnominatie").isEmpty {
            errors.append(FieldError(name: "archiefnominatie", code: "archiefnominatie-not-set", reason: reason))
        }
        if state.string("archiefactiedatum").isEmpty {
            errors.append(FieldError(name: "archiefactiedatum", code: "archiefactiedatum-not-set", reason: reason))
        }
        return errors
    }
}
