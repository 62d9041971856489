/// drc-009: a PUT or PATCH of a document needs the lock the document holds. The order is the reference's: a
/// document without a lock is `unlocked` whatever the request sent, then a missing lock id (`missing-lock-id`),
/// then a wrong one (`incorrect-lock-id`); all three are about the request as a whole (`nonFieldErrors`). A PUT
/// without `lock` never gets here: the request schema requires the field (`lock` / `required`).
public enum DocumentLockRule {
    /// The refusal of a change with lock id `given` to a document holding `current`; nil when allowed.
    public static func refusal(given: String?, current: String?) -> FieldError? {
        guard let current else {
            return FieldError(name: "nonFieldErrors", code: "unlocked", reason: "Het document is niet gelocked; lock het eerst.")
        }
        guard let given, !given.isEmpty else {
            return FieldError(name: "nonFieldErrors", code: "missing-lock-id", reason: "Een lock id is vereist om het document te wijzigen.")
        }
        guard given == current else {
            return FieldError(name: "nonFieldErrors", code: "incorrect-lock-id", reason: "Incorrect lock ID.")
        }
        return nil
    }

    /// The refusal of a bestandsdeel upload, in the reference's order: a missing `lock` is a field error
    /// (`required`); then the part's size (`file-size`), then the lock (`incorrect-lock-id`, also when the
    /// document holds none), both about the request as a whole.
    public static func uploadRefusal(given: String, current: String?, size: Int64, expected: Int64) -> FieldError? {
        if given.isEmpty { return .required("lock") }
        if size != expected {
            return FieldError(name: "nonFieldErrors", code: "file-size", reason: "Het bestandsdeel is \(size) bytes; verwacht: \(expected) bytes.")
        }
        if given != current { return FieldError(name: "nonFieldErrors", code: "incorrect-lock-id", reason: "Incorrect lock ID.") }
        return nil
    }
}
