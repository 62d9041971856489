import Domain
import Foundation

/// The JSON of an applicatie (`Applicatie` of autorisaties-1.0.0): each autorisatie with only the fields of its
/// component (`zaaktype` for zrc, `informatieobjecttype` for drc, `besluittype` for brc).
public struct ApplicatieRepresentation: Encodable, Sendable {
    public var url: String
    public var clientIds: [String]
    public var label: String
    public var heeftAlleAutorisaties: Bool
    public var autorisaties: [AutorisatieRepresentation]

    public static func path(_ uuid: UUID) -> String {
        "\(ZGWAPI.autorisaties.root)/applicaties/\(uuid.uuidString.lowercased())"
    }

    public init(_ applicatie: Applicatie) {
        url = ResourceURL.local(Self.path(applicatie.uuid))
        clientIds = applicatie.clientIds
        label = applicatie.label
        heeftAlleAutorisaties = applicatie.heeftAlleAutorisaties
        autorisaties = applicatie.autorisaties.map(AutorisatieRepresentation.init)
    }

    public struct AutorisatieRepresentation: Encodable, Sendable {
        let autorisatie: Autorisatie

        init(_ autorisatie: Autorisatie) { self.autorisatie = autorisatie }

        enum CodingKeys: String, CodingKey {
            case component, componentWeergave, scopes, zaaktype, informatieobjecttype, besluittype, maxVertrouwelijkheidaanduiding
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(autorisatie.component, forKey: .component)
            try container.encode(autorisatie.component.weergave, forKey: .componentWeergave)
            try container.encode(autorisatie.scopes, forKey: .scopes)
            let maximum = autorisatie.maxVertrouwelijkheidaanduiding?.rawValue ?? ""
            switch autorisatie.component {
            case .zrc:
                try container.encode(autorisatie.zaaktype ?? "", forKey: .zaaktype)
                try container.encode(maximum, forKey: .maxVertrouwelijkheidaanduiding)
            case .drc:
                try container.encode(autorisatie.informatieobjecttype ?? "", forKey: .informatieobjecttype)
                try container.encode(maximum, forKey: .maxVertrouwelijkheidaanduiding)
            case .brc:
                try container.encode(autorisatie.besluittype ?? "", forKey: .besluittype)
            default:
                break
            }
        }
    }
}
