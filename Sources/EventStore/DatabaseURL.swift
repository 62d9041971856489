import Foundation
import PostgresNIO

/// Parses `DATABASE_URL` (`postgres://user:password@host:port/database`, or `postgresql://`; a Unix socket
/// directory as `?host=/path`) into a PostgresNIO client configuration.
public enum DatabaseURL {
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public static func configuration(from string: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: string), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else {
            throw Invalid(description: "DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        let username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        var database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        if database.isEmpty { database = username }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let port = components.port ?? Int(query["port"] ?? "") ?? 5432
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            return PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password, database: database)
        }
        guard let host = components.host, !host.isEmpty else {
            throw Invalid(description: "DATABASE_URL has no host")
        }
        let tls: PostgresClient.Configuration.TLS = query["sslmode"] == "require" ? .require(.makeClientConfiguration()) : .disable
        return PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
    }
}
