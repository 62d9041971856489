import ArgumentParser
import Domain
import EventStore
import Foundation
import QueryAPI

/// `zaakstroom history zaak <uuid|identificatie> [--at <date-time>] [--json]`: every change of a zaak and of
/// everything under it, or the zaak as the API served it at an instant. Reads the zaak's stream, so deleted
/// zaken have a history too.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "The history of a zaak, document or besluit (for auditors).",
        subcommands: [ZaakHistoryCommand.self, StreamHistoryCommand<DocumentHistoryKind>.self, StreamHistoryCommand<BesluitHistoryKind>.self])
}

struct ZaakHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zaak", abstract: "Every change of a zaak and what is under it, or the zaak as of an instant (--at).")

    @Argument(help: "The zaak's uuid or identificatie.") var zaak: String
    @Option(help: "Show the zaak as the API served it at this instant (e.g. 2026-05-01T12:00:00Z).") var at: String?
    @Flag(help: "JSON for machines.") var json = false
    @Option(name: .customLong("public-url"), help: "Base URL to show our URLs with (env ZAAKSTROOM_PUBLIC_URL; default http://localhost:8000).")
    var publicURL: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var instant: Date?
        if let at {
            guard let parsed = ZGWDateTime.parse(at) else { throw ValidationError("--at: not a date-time: \(at)") }
            instant = parsed
        }
        let base = publicURL ?? ProcessInfo.processInfo.environment["ZAAKSTROOM_PUBLIC_URL"] ?? "http://localhost:8000"
        let (zaak, json, instantCopy) = (zaak, json, instant)
        let output: String? = try await database.withStore { store in
            guard let history = try await ZaakHistory.load(zaak, store: store) else { return nil }
            if at != nil {
                guard let view = try await history.view(at: instantCopy, store: store) else { return "the zaak did not exist at \(at ?? "")" }
                return ResourceURL.render(Self.pretty(view), baseURL: base)
            }
            let text = json ? Self.json(history.changes) : Self.text(history.changes, deletedAt: history.deletedAt)
            return ResourceURL.render(text, baseURL: base)
        }
        guard let output else {
            FileHandle.standardError.write(Data("zaakstroom: no zaak \(zaak)\n".utf8))
            throw ExitCode(1)
        }
        print(output)
    }

    static func pretty(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    /// One block per change: when, who, what, why, and the fields old → new.
    static func text(_ changes: [StreamHistory.Change], deletedAt: Date?) -> String {
        var lines: [String] = []
        for change in changes {
            let event = change.event, metadata = event.metadata
            var who = metadata.clientID.map { "\($0)" } ?? "?"
            if let label = metadata.applicatieLabel, !label.isEmpty { who += " (\(label))" }
            if let user = metadata.userID, !user.isEmpty { who += ", user \(user)" }
            if let name = metadata.userRepresentation, !name.isEmpty { who += " \"\(name)\"" }
            let what: String
            if event.type == ZaakResource.destroyed {
                what = "zaak DESTROYED (archival destruction)"
            } else if change.payloadDestroyed {
                what = "\(event.type) (content destroyed)"
            } else {
                what = change.derived ? "\(change.resource) \(change.actie) (by the API)" : "\(change.resource) \(change.actie)"
            }
            lines.append("\(ZGWDateTime.format(event.recordedAt))  #\(event.position)  \(what)  \(change.resourceUUID.lowercased)  by \(who)")
            if let toelichting = metadata.toelichting, !toelichting.isEmpty { lines.append("    toelichting: \(toelichting)") }
            for field in change.fields {
                lines.append("    \(field.name): \(show(field.old)) → \(show(field.new))")
            }
        }
        if let deleted = deletedAt { lines.append("deleted at \(ZGWDateTime.format(deleted)); its history stays until destruction") }
        return lines.joined(separator: "\n")
    }

    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "∅" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    static func json(_ changes: [StreamHistory.Change]) -> String {
        let records: [JSONValue] = changes.map { change in
            let metadata = change.event.metadata
            return .object([
                "position": .number(Double(change.event.position)), "aanmaakdatum": .string(ZGWDateTime.format(change.event.recordedAt)),
                "resource": .string(change.resource), "uuid": .string(change.resourceUUID.lowercased), "actie": .string(change.actie),
                "afgeleid": .bool(change.derived), "applicatieId": .string(metadata.clientID ?? ""), "applicatieWeergave": .string(metadata.applicatieLabel ?? ""),
                "gebruikersId": .string(metadata.userID ?? ""), "gebruikersWeergave": .string(metadata.userRepresentation ?? ""),
                "toelichting": .string(metadata.toelichting ?? ""),
                "wijzigingen": .array(change.fields.map { .object(["veld": .string($0.name), "oud": $0.old ?? .null, "nieuw": $0.new ?? .null]) }),
            ])
        }
        return pretty(.array(records))
    }
}

/// What `history document` and `history besluit` need to know about their streams.
protocol HistoryKind {
    static var name: String { get }
    static var category: String { get }
    static var createdType: String { get }
    static var deletedType: String { get }
}

enum DocumentHistoryKind: HistoryKind {
    static let name = "document"
    static let category = DocumentResource.streamCategory
    static let createdType = DocumentResource.enkelvoudiginformatieobject.created
    static let deletedType = DocumentResource.enkelvoudiginformatieobject.deleted
}

enum BesluitHistoryKind: HistoryKind {
    static let name = "besluit"
    static let category = BesluitResource.streamCategory
    static let createdType = BesluitResource.besluit.created
    static let deletedType = BesluitResource.besluit.deleted
}

/// `zaakstroom history document|besluit <uuid|identificatie> [--json]`: every change of a document (its
/// versions, locks, bestandsdelen, gebruiksrechten, relations, verzendingen) or of a besluit (and its
/// besluitinformatieobjecten), with who and why. A document's state at an instant is its version at that
/// instant: `GET …/enkelvoudiginformatieobjecten/{uuid}?registratieOp=`.
struct StreamHistoryCommand<Kind: HistoryKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Kind.name, abstract: "Every change of a \(Kind.name), in order.")
    }

    @Argument(help: "The uuid or identificatie.") var reference: String
    @Flag(help: "JSON for machines.") var json = false
    @Option(name: .customLong("public-url"), help: "Base URL to show our URLs with (env ZAAKSTROOM_PUBLIC_URL; default http://localhost:8000).")
    var publicURL: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let base = publicURL ?? ProcessInfo.processInfo.environment["ZAAKSTROOM_PUBLIC_URL"] ?? "http://localhost:8000"
        let (reference, json) = (reference, json)
        let output: String? = try await database.withStore { store in
            guard let (_, history) = try await StreamHistory.load(reference, category: Kind.category, createdType: Kind.createdType, store: store) else { return nil }
            let deletedAt = history.events.last(where: { $0.type == Kind.deletedType })?.recordedAt
            let text = json ? ZaakHistoryCommand.json(history.changes) : ZaakHistoryCommand.text(history.changes, deletedAt: deletedAt)
            return ResourceURL.render(text, baseURL: base)
        }
        guard let output else {
            FileHandle.standardError.write(Data("zaakstroom: no \(Kind.name) \(reference)\n".utf8))
            throw ExitCode(1)
        }
        print(output)
    }
}
