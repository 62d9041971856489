/// The OpenAPI schemas of the problem bodies, as `ProblemDetails` encodes them (the standard's names).
extension ProblemDetails {
    static let schemas: [String: OpenAPINode] = {
        let text: OpenAPINode = .object([("type", .string("string"))])
        let fields: [(String, OpenAPINode)] = [
            ("type", text), ("code", text), ("title", text), ("status", .object([("type", .string("integer"))])), ("detail", text),
            ("instance", text),
        ]
        let required = ["code", "detail", "instance", "status", "title"]
        func object(_ properties: [(String, OpenAPINode)], required: [String], description: String) -> OpenAPINode {
            .object([
                ("type", .string("object")), ("description", .string(description)), ("required", .array(required.map { .string($0) })),
                ("properties", .object(properties)),
            ])
        }
        let invalidParams: OpenAPINode = .object([
            ("type", .string("array")), ("items", .object([("$ref", .string("#/components/schemas/FieldValidationError"))])),
        ])
        return [
            "Fout": object(fields, required: required, description: "Formaat van HTTP 4xx en 5xx fouten."),
            "ValidatieFout": object(
                fields + [("invalidParams", invalidParams)], required: (required + ["invalidParams"]).sorted(),
                description: "Formaat van HTTP 4xx en 5xx fouten."),
            "FieldValidationError": object(
                [("name", text), ("code", text), ("reason", text)], required: ["code", "name", "reason"], description: "Formaat van validatiefouten."),
        ]
    }()
}
