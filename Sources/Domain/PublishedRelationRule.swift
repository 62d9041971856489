/// ztc-010 between catalogus types (the reference's M2M concept rules): a type related to a published type of
/// another kind is held by that relation. Which relations hold an update and which a delete differ per kind
/// (a besluittype's informatieobjecttypen hold both; a zaaktype's informatieobjecttypen only its delete), so the
/// caller names the relations that have a published member; this decides. A PATCH of `eindeGeldigheid` alone
/// is always allowed (ending a type's validity), and so is everything with the forced scopes.
public enum PublishedRelationRule {
    /// The refusal of a PUT or PATCH that sent `changedFields`, for a type whose `publishedRelations` (names of
    /// relations with a published member, the ones the update would set included) are not empty.
    public static func updateRefusal(publishedRelations: [String], changedFields: Set<String>, forced: Bool) -> FieldError? {
        guard !forced, changedFields != ["eindeGeldigheid"], let relation = publishedRelations.first else { return nil }
        return error("Objecten gerelateerd aan gepubliceerde \(relation) kunnen niet gewijzigd worden.")
    }

    /// The refusal of a DELETE of a type whose `publishedRelations` are not empty.
    public static func deleteRefusal(publishedRelations: [String], forced: Bool) -> FieldError? {
        guard !forced, let relation = publishedRelations.first else { return nil }
        return error("Objecten gerelateerd aan gepubliceerde \(relation) kunnen niet verwijderd worden.")
    }

    static func error(_ reason: String) -> FieldError {
        FieldError(name: "nonFieldErrors", code: "non-concept-relation", reason: reason)
    }
}
