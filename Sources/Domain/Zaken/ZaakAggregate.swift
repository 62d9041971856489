import Foundation

/// A zaak as its stream tells it: the zaak's state and every resource under it, in creation order. Commands
/// fold the stream into this, check their rules against it, and append at `version`.
public struct ZaakAggregate: Sendable {
    public let uuid: UUID
    public private(set) var version: Int64 = 0
    /// The zaak's own fields; nil before `zaak.created` and after `zaak.deleted`.
    public private(set) var zaak: [String: JSONValue]?
    /// Every resource under the zaak, by kind in creation order ("the latest status", stable listings).
    public private(set) var resources = OrderedResources<ZaakResource>()

    public init(uuid: UUID) {
        self.uuid = uuid
    }

    /// Applies one event of the stream.
    public mutating func apply(type: String, event: ZaakEvent, version: Int64) {
        self.version = version
        guard let (resource, action) = ZaakResource.of(eventType: type) else { return }
        if resource == .zaak {
            let gone = action == "deleted" || action == "destroyed"
            zaak = gone ? nil : event.state
            if gone { resources = OrderedResources() }
            return
        }
        resources.apply(resource, event.uuid, state: action == "deleted" ? nil : event.state)
    }

    public var exists: Bool { zaak != nil }

    public func state(of resource: ZaakResource, _ uuid: UUID) -> [String: JSONValue]? {
        resources.state(of: resource, uuid)
    }

    /// The states of one kind, in creation order.
    public func all(_ resource: ZaakResource) -> [(uuid: UUID, state: [String: JSONValue])] {
        resources.all(resource)
    }

    /// A string field of the zaak ("" when absent or null).
    public func field(_ name: String) -> String {
        zaak?.string(name) ?? ""
    }

    /// Closed: the end status has been set (einddatum filled).
    public var isClosed: Bool { !field("einddatum").isEmpty }

    /// The kenmerken of kanaal `zaken`, from the zaak.
    public func kenmerken(zaaktypeCatalogus: String?) -> [String: String] {
        var kenmerken = ["bronorganisatie": field("bronorganisatie"), "zaaktype": field("zaaktype"),
                         "vertrouwelijkheidaanduiding": field("vertrouwelijkheidaanduiding")]
        if let zaaktypeCatalogus { kenmerken["zaaktype.catalogus"] = zaaktypeCatalogus }
        return kenmerken
    }
}
