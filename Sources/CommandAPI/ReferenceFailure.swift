import Domain

/// Why a URL field does not refer to the resource it should, in the reference's two steps: the URL cannot be
/// fetched or answers other than 200 (`bad-url`); it answers 200 with something else (`invalid-resource`).
enum ReferenceFailure: Error, Sendable, Equatable {
    /// With why (refused by the outbound policy, the status, the connection error).
    case badURL(String)
    case invalidResource

    /// The field error the standard gives for it; `resource` names what the field should refer to.
    func fieldError(_ field: String, resource: String) -> FieldError {
        switch self {
        case .badURL(let why): FieldError(name: field, code: "bad-url", reason: "De URL kon niet opgevraagd worden of gaf geen 200: \(why)")
        case .invalidResource: FieldError(name: field, code: "invalid-resource", reason: "De URL verwijst niet naar een \(resource).")
        }
    }
}

extension Result where Success == [String: JSONValue], Failure == ReferenceFailure {
    /// The resource, or the field's 400.
    func get(orThrowFor field: String, resource: String) throws -> [String: JSONValue] {
        switch self {
        case .success(let object): return object
        case .failure(let failure): throw ValidationErrors([failure.fieldError(field, resource: resource)])
        }
    }

    /// The field's error, if any.
    func fieldErrors(_ field: String, resource: String) -> [FieldError] {
        guard case .failure(let failure) = self else { return [] }
        return [failure.fieldError(field, resource: resource)]
    }
}

/// The fields a resource of another API must have to be taken for one (the schemas' required fields that every
/// version of the standard since 1.0 shares).
enum ResourceShape {
    static let zaaktype = [
        "url", "omschrijving", "catalogus", "doel", "aanleiding", "onderwerp", "vertrouwelijkheidaanduiding", "indicatieInternOfExtern",
        "handelingInitiator", "handelingBehandelaar", "doorlooptijd", "opschortingEnAanhoudingMogelijk", "verlengingMogelijk",
        "publicatieIndicatie", "productenOfDiensten", "referentieproces", "besluittypen", "gerelateerdeZaaktypen", "beginGeldigheid", "versiedatum",
    ]
    static let informatieobjecttype = ["url", "catalogus", "omschrijving", "vertrouwelijkheidaanduiding", "beginGeldigheid"]
    static let besluittype = ["url", "catalogus", "zaaktypen", "publicatieIndicatie", "informatieobjecttypen", "beginGeldigheid"]
    static let zaak = ["url", "bronorganisatie", "zaaktype", "verantwoordelijkeOrganisatie", "startdatum"]
    static let besluit = ["url", "besluittype", "datum", "ingangsdatum", "verantwoordelijkeOrganisatie"]
    /// A Referentielijsten communicatiekanaal (zrc-010).
    static let communicatiekanaal = ["url", "naam", "omschrijving"]
}
