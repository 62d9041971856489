import EventStore

extension ZakenSchema {
    /// `zaakgeometrie.within` for every GeoJSON geometry the spec allows as the area (Point, MultiPoint, LineString,
    /// MultiLineString, Polygon, MultiPolygon, GeometryCollection), with PostGIS' `ST_Within` semantics: no point of
    /// the zaak's geometry outside the area, and at least one in the area's interior (a point on a polygon's edge
    /// or at the end of a line is not within it). The zaak's geometry is sampled at its vertices and at the middle
    /// of each of its segments; a polygon's holes count as outside, their edges included.
    static let withinAnyGeometry = Migration(
        id: "zaken-0007-within-any-geometry",
        statements: [
            """
            CREATE FUNCTION zaken.position_point(coordinate jsonb) RETURNS point LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT point((coordinate->>0)::float8, (coordinate->>1)::float8)
            $$
            """,
            // The segments of a list of positions (a line's coordinates, a ring).
            """
            CREATE FUNCTION zaken.segments(positions jsonb) RETURNS SETOF lseg LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT lseg(zaken.position_point(positions->i), zaken.position_point(positions->(i + 1)))
                FROM generate_series(0, jsonb_array_length(positions) - 2) AS i
            $$
            """,
            // The points the test looks at: every vertex, and the middle of every segment of a line or ring.
            """
            CREATE FUNCTION zaken.geometry_samples(geometry jsonb) RETURNS SETOF point LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT p FROM zaken.geometry_points(geometry) AS p
                UNION ALL
                SELECT @@ s FROM jsonb_path_query(geometry, 'strict $.**?(@.type == "LineString").coordinates') AS l, zaken.segments(l) AS s
                UNION ALL
                SELECT @@ s FROM jsonb_path_query(geometry, 'strict $.**?(@.type == "MultiLineString" || @.type == "Polygon").coordinates[*]') AS l,
                    zaken.segments(l) AS s
                UNION ALL
                SELECT @@ s FROM jsonb_path_query(geometry, 'strict $.**?(@.type == "MultiPolygon").coordinates[*][*]') AS l, zaken.segments(l) AS s
            $$
            """,
            // A polygon (rings) covers p: inside or on its outer ring, and not in a hole.
            """
            CREATE FUNCTION zaken.polygon_covers(rings jsonb, p point) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT zaken.ring_polygon(rings->0) @> p
                    AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(rings) WITH ORDINALITY AS h(ring, n)
                                    WHERE n > 1 AND zaken.ring_polygon(h.ring) @> p)
            $$
            """,
            // p lies on the part (boundary included); a part is any geometry but a collection.
            """
            CREATE FUNCTION zaken.part_covers(part jsonb, p point) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT CASE part->>'type'
                    WHEN 'Point' THEN zaken.position_point(part->'coordinates') ~= p
                    WHEN 'MultiPoint' THEN EXISTS (SELECT 1 FROM jsonb_array_elements(part->'coordinates') AS c WHERE zaken.position_point(c) ~= p)
                    WHEN 'LineString' THEN EXISTS (SELECT 1 FROM zaken.segments(part->'coordinates') AS s WHERE p <@ s)
                    WHEN 'MultiLineString' THEN EXISTS (
                        SELECT 1 FROM jsonb_array_elements(part->'coordinates') AS l, zaken.segments(l) AS s WHERE p <@ s)
                    WHEN 'Polygon' THEN zaken.polygon_covers(part->'coordinates', p)
                    WHEN 'MultiPolygon' THEN EXISTS (SELECT 1 FROM jsonb_array_elements(part->'coordinates') AS c WHERE zaken.polygon_covers(c, p))
                    ELSE false END
            $$
            """,
            // p lies on the part's boundary: the ends of an open line, the edges of a polygon; points have none.
            """
            CREATE FUNCTION zaken.part_boundary_has(part jsonb, p point) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT CASE part->>'type'
                    WHEN 'LineString' THEN EXISTS (
                        SELECT 1 FROM (SELECT part->'coordinates' AS l) AS line
                        WHERE l->0 <> l->(-1) AND (zaken.position_point(l->0) ~= p OR zaken.position_point(l->(-1)) ~= p))
                    WHEN 'MultiLineString' THEN EXISTS (
                        SELECT 1 FROM jsonb_array_elements(part->'coordinates') AS l
                        WHERE l->0 <> l->(-1) AND (zaken.position_point(l->0) ~= p OR zaken.position_point(l->(-1)) ~= p))
                    WHEN 'Polygon' THEN EXISTS (
                        SELECT 1 FROM jsonb_array_elements(part->'coordinates') AS r, zaken.segments(r) AS s WHERE p <@ s)
                    WHEN 'MultiPolygon' THEN EXISTS (
                        SELECT 1 FROM jsonb_array_elements(part->'coordinates') AS c, jsonb_array_elements(c) AS r, zaken.segments(r) AS s WHERE p <@ s)
                    ELSE false END
            $$
            """,
            // The parts of an area: a collection's geometries, or the area itself.
            """
            CREATE FUNCTION zaken.area_parts(area jsonb) RETURNS SETOF jsonb LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT g FROM jsonb_array_elements(CASE WHEN area->>'type' = 'GeometryCollection' THEN area->'geometries'
                                                        ELSE jsonb_build_array(area) END) AS g
            $$
            """,
            """
            CREATE OR REPLACE FUNCTION zaken.within(geometry jsonb, area jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT NOT EXISTS (
                        SELECT 1 FROM zaken.geometry_samples(geometry) AS p
                        WHERE NOT EXISTS (SELECT 1 FROM zaken.area_parts(area) AS a WHERE zaken.part_covers(a, p)))
                    AND EXISTS (
                        SELECT 1 FROM zaken.geometry_samples(geometry) AS p, zaken.area_parts(area) AS a
                        WHERE zaken.part_covers(a, p) AND NOT zaken.part_boundary_has(a, p))
            $$
            """,
        ])
}
