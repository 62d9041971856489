import HTTPTypes
import Hummingbird

/// Answers 405 `method_not_allowed` with an `Allow` header for the methods a path does not have (the router
/// alone would answer 404, as if the resource did not exist).
public enum MethodNotAllowed {
    static let all: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]

    /// The methods `register` refuses on a path that has `allowed`.
    public static func refused(allowed: [HTTPRequest.Method]) -> [HTTPRequest.Method] {
        all.filter { !allowed.contains($0) }
    }

    /// Registers refusals for every method of `path` outside `allowed`.
    public static func register(on group: RouterGroup<ZGWRequestContext>, path: String, allowed: [HTTPRequest.Method]) {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        for method in refused(allowed: allowed) {
            group.on(RouterPath(path), method: method) { request, _ -> Response in
                var error = ZGWError.methodNotAllowed(request.method.rawValue)
                error.headers[.allow] = allow
                throw error
            }
        }
    }
}
