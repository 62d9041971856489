/// One grant of an applicatie: scopes for a component, for zrc/drc/brc narrowed to one type and a maximum
/// confidentiality (Autorisaties API `AutorisatieBase`).
public struct Autorisatie: Codable, Sendable, Equatable {
    public var component: Component
    public var scopes: [String]
    public var zaaktype: String?
    public var informatieobjecttype: String?
    public var besluittype: String?
    public var maxVertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding?
    /// Instead of one type: every type of this catalogus (URL), including types and versions created later
    /// (Open Zaak's catalogus autorisaties). Set through the applicaties file or the CLI, not the API.
    public var catalogus: String?

    public init(
        component: Component, scopes: [String], zaaktype: String? = nil, informatieobjecttype: String? = nil,
        besluittype: String? = nil, maxVertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding? = nil, catalogus: String? = nil
    ) {
        self.component = component
        self.scopes = scopes
        self.zaaktype = zaaktype
        self.informatieobjecttype = informatieobjecttype
        self.besluittype = besluittype
        self.maxVertrouwelijkheidaanduiding = maxVertrouwelijkheidaanduiding
        self.catalogus = catalogus
    }
}
