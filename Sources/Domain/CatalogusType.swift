import Foundation

/// A resource whose events carry its state under its own name (`{"statustype": {...}}`).
public protocol NamedResource: Codable, Sendable, Equatable {
    /// `informatieobjecttype`, `statustype`: event-name prefix and payload key.
    static var resourceName: String { get }
}

/// What informatieobjecttypen, besluittypen and zaaktypen share: they live in a catalogus, start as a concept,
/// get published, and come in versions that share a key (`omschrijving`, or `identificatie` for zaaktypen)
/// and differ in validity. Each has a stream of its own, `<streamCategory>-<uuid>`.
public protocol CatalogusType: NamedResource {
    var uuid: UUID { get set }
    var catalogus: UUID { get }
    var concept: Bool { get set }
    var beginGeldigheid: ZGWDate { get }
    var eindeGeldigheid: ZGWDate? { get }
    /// The value versions share.
    var versionKey: String { get }
    /// `informatieobjecttype`, `besluittype`, `zaaktype`: stream category and event-name prefix.
    static var streamCategory: String { get }
}

extension CatalogusType {
    public static var resourceName: String { streamCategory }

    public var geldigheid: Geldigheid { Geldigheid(begin: beginGeldigheid, einde: eindeGeldigheid) }
}

/// The event names of a catalogus type's stream: `<category>.created|updated|published|deleted`.
public struct CatalogusTypeEvents: Sendable {
    public let created: String
    public let updated: String
    public let published: String
    public let deleted: String

    public init(category: String) {
        created = "\(category).created"
        updated = "\(category).updated"
        published = "\(category).published"
        deleted = "\(category).deleted"
    }

    public static func of<T: CatalogusType>(_ type: T.Type) -> CatalogusTypeEvents { CatalogusTypeEvents(category: T.streamCategory) }
}

/// Payload of `created` and `updated`: the full state, under the resource's own name
/// (`{"informatieobjecttype": {...}}`), so the log reads well.
public struct ResourceState<T: NamedResource>: Codable, Sendable, Equatable {
    public var value: T

    public init(_ value: T) {
        self.value = value
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.container(keyedBy: Key.self).decode(T.self, forKey: Key(stringValue: T.resourceName))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(value, forKey: Key(stringValue: T.resourceName))
    }
}

/// Payload of `published` and `deleted`.
public struct CatalogusTypeReference: Codable, Sendable, Equatable {
    public var uuid: UUID
    public init(uuid: UUID) { self.uuid = uuid }
}
