import Domain
import Testing

/// The pure decisions behind the reference's rule behaviour (issue 18), without a server.
@Suite("Domain: reference rule functions")
struct ReferenceRuleFunctionsTests {
    @Test("zrc-021: brondatum values are dates with or without zero padding, date-times count by their date; nested datumkenmerk with /")
    func zrc021_zaakobjectDates() {
        #expect(ZaakobjectBrondatum.date(from: "2013-1-1")?.description == "2013-01-01")
        #expect(ZaakobjectBrondatum.date(from: "2013-01-09T10:00:00+01:00")?.description == "2013-01-09")
        #expect(ZaakobjectBrondatum.date(from: "2013-2-30") == nil)
        #expect(ZaakobjectBrondatum.date(from: "13-1-1") == nil)
        let objects: [[String: JSONValue]] = [
            ["waardepeildatum": .string("2013-1-1")], ["waardepeildatum": .string("2012-12-31")], ["adres": .object(["peil_datum": .string("2011-1-1")])],
        ]
        #expect(ZaakobjectBrondatum.latest(in: objects, datumkenmerk: "waardepeildatum")?.description == "2013-01-01")
        #expect(ZaakobjectBrondatum.latest(in: objects, datumkenmerk: "adres/peil_datum")?.description == "2011-01-01")
        #expect(ZaakobjectBrondatum.value(in: ["waardePeildatum": .string("x")], datumkenmerk: "waarde_peildatum") == "x", "snake_case finds camelCase")
    }

    @Test("DRF scalars: numbers become their text, booleans and objects do not")
    func drfScalars_text() {
        #expect(JSONValue.number(20).scalarText == "20")
        #expect(JSONValue.number(1.5).scalarText == "1.5")
        #expect(JSONValue.bool(true).scalarText == nil)
        #expect(JSONValue.object([:]).scalarText == nil)
    }

    @Test("drc-009: unlocked before missing-lock-id before incorrect-lock-id, all nonFieldErrors")
    func drc009_order() {
        #expect(DocumentLockRule.refusal(given: nil, current: nil)?.code == "unlocked")
        #expect(DocumentLockRule.refusal(given: nil, current: "l")?.code == "missing-lock-id")
        #expect(DocumentLockRule.refusal(given: "x", current: "l")?.code == "incorrect-lock-id")
        #expect(DocumentLockRule.refusal(given: "l", current: "l") == nil)
        #expect(DocumentLockRule.refusal(given: nil, current: "l")?.name == "nonFieldErrors")
    }

    @Test("ztc-010: a published relation holds updates except eindeGeldigheid alone, and deletes; forced scopes pass")
    func ztc010_publishedRelations() {
        #expect(PublishedRelationRule.updateRefusal(publishedRelations: ["besluittypen"], changedFields: ["toelichting"], forced: false)?.code == "non-concept-relation")
        #expect(PublishedRelationRule.updateRefusal(publishedRelations: ["besluittypen"], changedFields: ["eindeGeldigheid"], forced: false) == nil)
        #expect(PublishedRelationRule.updateRefusal(publishedRelations: [], changedFields: ["toelichting"], forced: false) == nil)
        #expect(PublishedRelationRule.deleteRefusal(publishedRelations: ["zaaktypen"], forced: false)?.name == "nonFieldErrors")
        #expect(PublishedRelationRule.deleteRefusal(publishedRelations: ["zaaktypen"], forced: true) == nil)
    }

    @Test("zrc-022: documents-not-archived first, then the missing nominatie and actiedatum")
    func zrc022_order() {
        let refusals = ArchiefstatusRule.refusals(["archiefstatus": .string("gearchiveerd")], documentStatuses: ["definitief"])
        #expect(refusals.map(\.code) == ["documents-not-archived", "archiefnominatie-not-set", "archiefactiedatum-not-set"])
        #expect(ArchiefstatusRule.refusals(["archiefstatus": .string("nog_te_archiveren")], documentStatuses: ["definitief"]).isEmpty)
    }
}
