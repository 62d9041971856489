import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SpecConformance
import Testing
import ZGWHTTP

/// Issue 18 item 10: each API serves its OpenAPI document, built from our operation and schema tables and the
/// routes we register, and that document matches the spec Open Zaak serves, except where listed here.
@Suite("OpenAPI documents served at <api root>/schema/openapi.yaml")
struct OpenAPIDocumentTests {
    static let token = ZGWToken.make(clientID: "beheer", secret: "geheim")

    /// The spec each document is compared with: the one Open Zaak 1.30 / Open Notificaties 1.16 serve.
    static let specs: [ZGWAPI: String] = [
        .zaken: "zaken-1.5.1.yaml", .documenten: "documenten-1.4.2.yaml", .catalogi: "catalogi-1.3.1.yaml",
        .besluiten: "besluiten-1.1.0.yaml", .autorisaties: "autorisaties-1.0.0.yaml", .notificaties: "notificaties-1.0.0.yaml",
    ]

    /// Operations of those specs we do not serve (scripts/generate-tables.sh leaves them out of the tables): Open
    /// Zaak's and Open Notificaties' own additions to the standard, and PUT of a rol, which VNG's 1.5.1 lacks.
    static let notServed: Set<String> = [
        "registreerzaak_create", "zaakbijwerken", "zaakafsluiten", "zaakopschorten", "zaakverlengen", "zaaknotitie_list",
        "zaaknotitie_create", "zaaknotitie_read", "zaaknotitie_update", "zaaknotitie_partial_update", "zaaknotitie_delete",
        "substatus_list", "substatus_create", "substatus_read", "zaak_reserveer_zaaknummer", "zaaknummer_reserveren", "rol_update",
        "registreerdocument_create", "reserveddocument_create", "enkelvoudiginformatieobject_import_create",
        "enkelvoudiginformatieobject_import_destroy", "enkelvoudiginformatieobject_import_report",
        "enkelvoudiginformatieobject_import_status", "enkelvoudiginformatieobject_import_upload", "cloudevent_create",
    ]

    /// Operations we serve beyond those specs: `HEAD` of details that declare only `GET` (documented as its headers).
    static let servedBeyond: Set<String> = [
        "HEAD /klantcontacten/{}", "HEAD /zaakcontactmomenten/{}", "HEAD /zaakobjecten/{}", "HEAD /zaakverzoeken/{}",
        "HEAD /zaken/{}/besluiten/{}",
    ]

    /// Query parameters of those specs our lists do not have (400 unknown-parameters; left out of the tables):
    /// Open Zaak 1.30's filters beyond VNG's Zaken API 1.5.1 and Documenten API 1.4.2.
    static let parametersNotServed: [String: Set<String>] = [
        "rol_list": [
            "betrokkeneIdentificatie__nietNatuurlijkPersoon__kvkNummer", "betrokkeneIdentificatie__nietNatuurlijkPersoon__vestigingsNummer",
            "betrokkeneIdentificatie__vestiging__kvkNummer", "machtiging", "machtiging__loa",
        ],
        "zaak_list": [
            "identificatie__icontains", "kenmerk", "kenmerk__bron", "omschrijving", "resultaat__resultaattype",
            "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__kvkNummer", "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__vestigingsNummer",
            "rol__betrokkeneIdentificatie__vestiging__kvkNummer", "rol__machtiging", "rol__machtiging__loa", "status__statustype",
            "zaaktype__omschrijving",
        ],
        "enkelvoudiginformatieobject_list": [
            "auteur", "beschrijving", "creatiedatum__gte", "creatiedatum__lte", "informatieobjecttype", "locked",
            "objectinformatieobjecten__object", "objectinformatieobjecten__objectType", "ordering", "titel", "trefwoorden__overlap",
            "vertrouwelijkheidaanduiding",
        ],
    ]

    /// Schemas whose properties or required names differ from the served spec, with the reason. Our Zaken and
    /// Documenten tables are generated from VNG's text of the standard (zaken-1.5.1-vng.yaml,
    /// documenten-1.4.2-vng.yaml), which bodies are validated with; Open Zaak 1.30 serves a later shape.
    static let schemaDifferences: [String: String] = {
        let zaak = "Open Zaak 1.30 adds gerelateerdeZaken, communicatiekanaalNaam, laatstGeopend and laatstGemuteerd to VNG's 1.5.1 Zaak"
        let polymorphic = "Open Zaak writes a oneOf per betrokkeneType/objectType; our tables keep VNG's one object with a discriminator"
        let adres = "VNG's 1.5.1 requires the adres' identificatie; Open Zaak does not"
        var differences: [String: String] = [:]
        for name in ["Zaak", "ExpandZaak", "ZaakRequest", "PatchedZaakRequest"] { differences["zaken.\(name)"] = zaak }
        for name in [
            "Rol", "RolRequest", "RolMedewerker", "RolNatuurlijkPersoon", "RolNietNatuurlijkPersoon", "RolOrganisatorischeEenheid", "RolVestiging",
            "ZaakObject", "ZaakObjectRequest", "PatchedZaakObjectRequest",
        ] { differences["zaken.\(name)"] = polymorphic }
        for name in ["ObjectAdres", "TerreinGebouwdObjectAdres", "WozObjectAdres"] { differences["zaken.\(name)"] = adres }
        differences["zaken.Opschorting"] = "eerdereOpschorting is Open Zaak's, not in VNG's 1.5.1"
        differences["zaken.RelevanteZaak"] = "overigeRelatie and toelichting are Open Zaak's, not in VNG's 1.5.1"
        differences["documenten.BestandsDeel"] = "Open Zaak lists the write-only lock among a bestandsdeel's fields; VNG's 1.4.2 does not"
        differences["documenten.BestandsDeelRequest"] = "a bestandsdeel is uploaded as multipart (inhoud, lock), which the JSON field tables do not describe"
        differences["documenten.BuitenlandsCorrespondentieadresVerzending"] = "VNG's 1.4.2 names adresBuitenland1..3, Open Zaak adresBuitenland_1..3"
        return differences
    }()

    /// Served routes no table describes by design: the API root, the schema routes, and our `x-` extensions.
    static func undocumentedByDesign(_ route: ServedRoute) -> Bool {
        route.path == "/" || route.path.hasPrefix("/schema") || route.path.hasPrefix("/openapi.")
            || route.path.split(separator: "/").contains { $0.hasPrefix("x-") }
    }

    @Test("every route the router serves is in the operation tables, and every operation of the tables is served")
    func tablesMatchRoutes() async throws {
        try await TestServer.run { server, _ in
            for api in ZGWAPI.allCases {
                let served = try #require(server.servedRoutes[api])
                let document = OpenAPIDocument(api: api, baseURL: TestServer.baseURL, served: served)
                #expect(document.unserved.map(\.id) == [], "\(api): in the tables, not served")
                #expect(document.missingSchemas == [], "\(api): named by an operation, not in the schema tables")
                #expect(document.undocumented.filter { !Self.undocumentedByDesign($0) }.map(\.description) == [], "\(api): served, not in the tables")
            }
            // The check itself: a route left out of the router, or one the tables lack, is reported.
            let served = try #require(server.servedRoutes[.besluiten])
            let missing = OpenAPIDocument(api: .besluiten, baseURL: TestServer.baseURL, served: served.subtracting([ServedRoute(path: "besluiten", method: .post)]))
            #expect(missing.unserved.map(\.id) == ["besluit_create"])
            let extra = OpenAPIDocument(api: .besluiten, baseURL: TestServer.baseURL, served: served.union([ServedRoute(path: "besluiten/:uuid/x", method: .get)]))
            #expect(extra.undocumented.map(\.description).contains("GET /besluiten/{}/x"))
        }
    }

    @Test("schema/openapi.yaml, ?v=3, openapi.json and schema/ answer without a token; info.version is the API-version; servers is our base URL")
    func servedWhereClientsLook() async throws {
        try await TestServer.run { _, client in
            for api in ZGWAPI.allCases {
                let yaml = try await client.execute(uri: "\(api.root)/schema/openapi.yaml", method: .get)
                #expect(yaml.status == .ok, "\(api)")
                let document = try YAMLDocument.parse(String(buffer: yaml.body))
                let info = try #require(document["info"] as? [String: Any])
                #expect(info["version"] as? String == api.version)
                #expect(yaml.headers[.apiVersion] == api.version)
                let served = try YAMLDocument.spec(try #require(Self.specs[api]))
                #expect((served["info"] as? [String: Any])?["version"] as? String == api.version, "\(api): the version of the spec we follow")
                let servers = try #require(document["servers"] as? [[String: Any]])
                #expect(servers.first?["url"] as? String == TestServer.baseURL + api.root)

                let v3 = try await client.execute(uri: "\(api.root)/schema/openapi.yaml?v=3", method: .get)
                #expect(String(buffer: v3.body) == String(buffer: yaml.body))
                for path in ["schema/openapi.json", "openapi.json", "schema/openapi.yaml?format=json"] {
                    let json = try await client.execute(uri: "\(api.root)/\(path)", method: .get)
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
                    #expect(NSDictionary(dictionary: object).isEqual(to: document), "\(api) \(path): the JSON is the YAML's document")
                }
                let page = try await client.execute(uri: "\(api.root)/schema/", method: .get)
                #expect(page.status == .ok)
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                let firstOperation = try #require(api.operations.first?.id)
                #expect(String(buffer: page.body).contains("<code>\(firstOperation)</code>"))
            }
        }
    }

    @Test("the documents match the specs Open Zaak serves: paths, operations, parameters with their required, schemas")
    func documentsMatchServedSpecs() async throws {
        try await TestServer.run { _, client in
            for api in ZGWAPI.allCases {
                let response = try await client.execute(uri: "\(api.root)/schema/openapi.yaml", method: .get)
                let ours = try YAMLDocument.parse(String(buffer: response.body))
                let theirs = try YAMLDocument.spec(try #require(Self.specs[api]))
                let ourOperations = Self.operations(ours)
                let theirOperations = Self.operations(theirs)
                for (route, operation) in ourOperations {
                    guard let spec = theirOperations[route] else {
                        #expect(Self.servedBeyond.contains(route), "\(api): \(route) is not in the spec")
                        continue
                    }
                    #expect(operation["operationId"] as? String == spec["operationId"] as? String, "\(api): \(route)")
                    let left = Self.parametersNotServed[spec["operationId"] as? String ?? ""] ?? []
                    let theirParameters = Self.parameters(spec, in: theirs).filter { !left.contains($0.split(separator: " ")[1].description) }
                    #expect(Self.parameters(operation, in: ours) == theirParameters, "\(api): \(route) parameters")
                }
                for (route, spec) in theirOperations where ourOperations[route] == nil {
                    #expect(Self.notServed.contains(spec["operationId"] as? String ?? ""), "\(api): \(route) is in the spec, not served")
                }
                let ourSchemas = ((ours["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
                let theirSchemas = ((theirs["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
                for name in ourSchemas.keys.sorted() where theirSchemas[name] != nil && Self.schemaDifferences["\(api).\(name)"] == nil {
                    let (ourProperties, ourRequired) = Self.shape(name, in: ourSchemas)
                    let (theirProperties, theirRequired) = Self.shape(name, in: theirSchemas)
                    #expect(ourProperties == theirProperties, "\(api).\(name) properties")
                    #expect(ourRequired == theirRequired, "\(api).\(name) required")
                }
            }
        }
    }

    @Test("every query parameter the documents name is one the server accepts (no unknown-parameters)")
    func documentedQueryParametersAreAccepted() async throws {
        try await TestServer.run { server, client in
            try await server.addClient("beheer", secret: "geheim")
            for api in ZGWAPI.allCases {
                for operation in api.operations where operation.method == .get && !operation.path.contains("{") {
                    let names = operation.parameters.filter { $0.location == .query }.map(\.name)
                    guard !names.isEmpty else { continue }
                    let query = names.map { "\($0)=1" }.joined(separator: "&")
                    let response = try await client.execute(uri: "\(api.root)\(operation.path)?\(query)", method: .get, headers: bearer(Self.token))
                    let codes = response.status == .badRequest ? (try problem(response).invalidParams ?? []).map(\.code) : []
                    #expect(!codes.contains("unknown-parameters"), "\(operation.id): \(String(buffer: response.body))")
                }
            }
        }
    }

    /// Operations by `METHOD /path` with `{}` for parameters.
    static func operations(_ document: [String: Any]) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, operation) in item as? [String: Any] ?? [:] {
                guard let operation = operation as? [String: Any], APIOperation.Method(rawValue: method) != nil else { continue }
                result[ServedRoute(path: path, method: APIOperation.Method(rawValue: method)!).description] = operation
            }
        }
        return result
    }

    /// `in name required` of each parameter, `$ref`s resolved.
    static func parameters(_ operation: [String: Any], in document: [String: Any]) -> Set<String> {
        Set((operation["parameters"] as? [Any] ?? []).compactMap { parameter in
            guard var parameter = parameter as? [String: Any] else { return nil }
            if let reference = parameter["$ref"] as? String {
                parameter = reference.dropFirst(2).split(separator: "/").reduce(document as Any) { ($0 as? [String: Any])?[String($1)] as Any } as? [String: Any] ?? [:]
            }
            return "\(parameter["in"] ?? "") \(parameter["name"] ?? "") \(parameter["required"] as? Bool ?? false)"
        })
    }

    /// The property names and required names of a schema, through `allOf`.
    static func shape(_ name: String, in schemas: [String: Any]) -> (Set<String>, Set<String>) {
        guard let schema = schemas[name] as? [String: Any] else { return ([], []) }
        var properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        var required = Set(schema["required"] as? [String] ?? [])
        for part in schema["allOf"] as? [[String: Any]] ?? [] {
            let (partProperties, partRequired) = part["$ref"].map { shape(($0 as? String ?? "").components(separatedBy: "/").last ?? "", in: schemas) }
                ?? (Set((part["properties"] as? [String: Any] ?? [:]).keys), Set(part["required"] as? [String] ?? []))
            properties.formUnion(partProperties)
            required.formUnion(partRequired)
        }
        return (properties, required)
    }
}
