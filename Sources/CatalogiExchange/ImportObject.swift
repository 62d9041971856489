import CommandAPI
import Domain
import Foundation

/// One object of an import file on its way in.
struct ImportObject: Sendable {
    enum Disposition: Sendable, Equatable {
        case create
        /// Mapped onto an existing object of ours (`--catalogus`, `--map-…`).
        case reuse
    }

    let resource: CatalogiResource
    /// The object's `url` in the file.
    let source: String
    /// Its identity in the file (nil when its `url` is not a Catalogi URL of its resource).
    let reference: CatalogiReference?
    var disposition: Disposition = .create
    /// Its uuid here.
    var target: UUID
    /// The file's object with camelCase keys, references rewritten to our URLs.
    var body: [String: JSONValue]
    var draft: CatalogiDraft?
    /// The created objects (indexes in the plan) it references, which must come in first.
    var dependencies: [Int] = []
    var refusals: [FieldError] = []
    /// The file has it published (`concept: false`).
    let publishedInFile: Bool
    /// Published by this import (`--publish`).
    var published = false

    init(resource: CatalogiResource, body: [String: JSONValue]) {
        self.resource = resource
        self.source = body["url"]?.text ?? ""
        self.reference = CatalogiReference(url: source).flatMap { $0.resource == resource ? $0 : nil }
        self.target = reference?.uuid ?? UUID()
        self.body = body
        self.publishedInFile = body["concept"] == .bool(false)
    }

    /// identificatie, omschrijving or naam: what a person recognises it by.
    var label: String {
        for key in ["identificatie", "omschrijving", "naam", "relatieOmschrijving", "domein"] {
            if let text = body[key]?.text, !text.isEmpty { return text }
        }
        if let volgnummer = body["volgnummer"]?.integer { return "#\(volgnummer)" }
        return reference?.uuid.uuidString.lowercased() ?? source
    }

    var isType: Bool { [.informatieObjectType, .besluitType, .zaakType].contains(resource) }
}
