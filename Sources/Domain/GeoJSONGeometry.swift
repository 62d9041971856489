/// GeoJSON geometries (RFC 7946) as `zaakgeometrie` holds them: structural checks for input, and the vertices
/// and bounding box that the geo search (`zaakgeometrie.within`) uses.
public enum GeoJSONGeometry {
    static let types = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]

    /// Why `value` is not a valid geometry, or nil when it is.
    public static func problem(in value: JSONValue) -> String? {
        guard case .object(let object) = value, case .string(let type)? = object["type"] else {
            return "Ongeldige geometrie: een GeoJSON-object met \"type\" is vereist."
        }
        guard types.contains(type) else { return "Ongeldig geometrietype \"\(type)\"." }
        if type == "GeometryCollection" {
            guard case .array(let geometries)? = object["geometries"] else { return "Een GeometryCollection heeft \"geometries\" nodig." }
            return geometries.lazy.compactMap(problem(in:)).first
        }
        guard let coordinates = object["coordinates"] else { return "Ongeldige geometrie: \"coordinates\" ontbreekt." }
        let valid: Bool
        switch type {
        case "Point": valid = position(coordinates) != nil
        case "MultiPoint": valid = positions(coordinates).map { _ in true } ?? false
        case "LineString": valid = (positions(coordinates)?.count ?? 0) >= 2
        case "MultiLineString": valid = list(coordinates)?.allSatisfy { (positions($0)?.count ?? 0) >= 2 } ?? false
        case "Polygon": valid = polygon(coordinates) != nil
        default: valid = list(coordinates)?.allSatisfy { polygon($0) != nil } ?? false
        }
        return valid ? nil : "Ongeldige coördinaten voor een \(type)."
    }

    /// Every vertex of a geometry, in order.
    public static func vertices(_ value: JSONValue) -> [Point] {
        guard case .object(let object) = value else { return [] }
        if case .array(let geometries)? = object["geometries"] { return geometries.flatMap(vertices) }
        func flatten(_ value: JSONValue) -> [Point] {
            if let point = position(value) { return [point] }
            return list(value)?.flatMap(flatten) ?? []
        }
        return object["coordinates"].map(flatten) ?? []
    }

    /// The smallest box around every vertex of a valid geometry, as PostgreSQL's `box` text (`(x2,y2),(x1,y1)`);
    /// nil when `value` is not a valid geometry or has no vertex. The geo search prefilters on it.
    public static func boundingBox(_ value: JSONValue) -> String? {
        guard problem(in: value) == nil else { return nil }
        let points = vertices(value)
        guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(), let minY = points.map(\.y).min(),
            let maxY = points.map(\.y).max()
        else { return nil }
        return "(\(maxX),\(maxY)),(\(minX),\(minY))"
    }

    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
    }

    static func list(_ value: JSONValue) -> [JSONValue]? {
        if case .array(let items) = value { return items }
        return nil
    }

    static func position(_ value: JSONValue) -> Point? {
        guard case .array(let items) = value, (2...3).contains(items.count) else { return nil }
        var numbers: [Double] = []
        for item in items {
            guard case .number(let number) = item, number.isFinite else { return nil }
            numbers.append(number)
        }
        return Point(x: numbers[0], y: numbers[1])
    }

    static func positions(_ value: JSONValue) -> [Point]? {
        guard let items = list(value) else { return nil }
        let points = items.compactMap(position)
        return points.count == items.count ? points : nil
    }

    /// Rings of at least four positions whose first and last are equal.
    static func polygon(_ value: JSONValue) -> [[Point]]? {
        guard let rings = list(value), !rings.isEmpty else { return nil }
        var result: [[Point]] = []
        for ring in rings {
            guard let points = positions(ring), points.count >= 4, points.first == points.last else { return nil }
            result.append(points)
        }
        return result
    }
}
