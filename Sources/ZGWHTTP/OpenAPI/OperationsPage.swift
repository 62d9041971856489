import Domain

/// The human-readable page of an API's OpenAPI document: its operations, one row each, and links to the document.
struct OperationsPage {
    let document: OpenAPIDocument

    var html: String {
        let api = document.api
        var rows = ""
        if case .object(let paths)? = document.root["paths"] {
            for (path, methods) in paths {
                guard case .object(let operations) = methods else { continue }
                for (method, operation) in operations {
                    rows += "<tr><td><code>\(method.uppercased())</code></td><td><code>\(Self.escape(path))</code></td>"
                    rows += "<td><code>\(Self.escape(Self.text(operation["operationId"])))</code></td><td>\(Self.escape(Self.text(operation["summary"])))</td></tr>\n"
                }
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8"><title>\(api.title) \(api.version)</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:left}</style>
            </head><body>
            <h1>\(api.title) \(api.version)</h1>
            <p>OpenAPI: <a href="openapi.yaml">openapi.yaml</a> · <a href="openapi.json">openapi.json</a></p>
            <table><thead><tr><th>method</th><th>path</th><th>operationId</th><th>summary</th></tr></thead><tbody>
            \(rows)</tbody></table>
            </body></html>

            """
    }

    static func text(_ node: OpenAPINode?) -> String {
        if case .string(let text)? = node { return text }
        return ""
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
