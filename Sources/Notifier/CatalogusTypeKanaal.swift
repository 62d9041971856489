import Domain
import Foundation
import Projections

/// A notifying event of a catalogus type's own stream: `zaaktype.created` in `zaaktype-<uuid>` and the like.
/// Events of its sub-types (`statustype.created` in the same stream) do not notify, as in Open Zaak.
struct CatalogusTypeKanaal {
    let resource: String
    let uuid: UUID
    /// `created`, `updated`, `published` or `deleted`.
    let eventName: String
    let path: @Sendable (UUID) -> String

    static let categories: [(resource: String, path: @Sendable (UUID) -> String)] = [
        (ZaakType.streamCategory, ZaakTypeRepresentation.path),
        (BesluitType.streamCategory, BesluitTypeRepresentation.path),
        (InformatieObjectType.streamCategory, InformatieObjectTypeRepresentation.path),
    ]

    init?(streamID: String, eventType: String) {
        guard let category = Self.categories.first(where: { streamID.hasPrefix($0.resource + "-") }),
            let uuid = EventNotificationMapper.uuid(of: streamID, category: category.resource)
        else { return nil }
        let events = CatalogusTypeEvents(category: category.resource)
        guard [events.created, events.updated, events.published, events.deleted].contains(eventType) else { return nil }
        self.resource = category.resource
        self.uuid = uuid
        self.eventName = String(eventType.dropFirst(category.resource.count + 1))
        self.path = category.path
    }

    /// `zaaktypen`, `besluittypen`, `informatieobjecttypen`.
    var kanaal: String { resource + "n" }
}
