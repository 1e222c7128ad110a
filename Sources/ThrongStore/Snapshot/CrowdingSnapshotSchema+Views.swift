extension CrowdingSnapshotSchema {
    /// A named view: tables joined to names and local times, for reading without joins.
    public struct View: Sendable {
        /// The view's name.
        public var name: String
        /// What one row is.
        public var summary: String
        /// The `SELECT` statement.
        public var select: String
    }

    private static func local(_ column: String, alias: String) -> String {
        "strftime('%Y-%m-%d %H:%M', (\(column) + coalesce(o.offset_minutes, 0) * 60000) / 1000, 'unixepoch') AS \(alias)"
    }

    private static func utc(_ column: String, alias: String) -> String {
        "strftime('%Y-%m-%dT%H:%M:%SZ', \(column) / 1000, 'unixepoch') AS \(alias)"
    }

    private static func offset(_ column: String) -> String {
        "LEFT JOIN local_time_offsets o ON \(column) >= o.start_ms AND \(column) < o.end_ms"
    }

    private static func serviceDate(_ column: String) -> String {
        "strftime('%Y-%m-%d', (\(column) + coalesce(o.offset_minutes, 0) * 60000) / 1000, 'unixepoch') AS service_date"
    }

    /// The views every snapshot carries (`docs/schema.md`, "Named views").
    public static let views: [View] = [
        View(name: "station_bins_named", summary: "station_bins with NaPTAN, name, local and UTC times and people", select: """
            SELECT s.naptan, s.name AS station, \(local("b.bin_start_ms", alias: "bin_start_local")), \(utc("b.bin_start_ms", alias: "bin_start_utc")),
                   b.occupancy, b.platform_occupancy, b.concourse_occupancy, b.entries, b.exits, b.interchanges, b.pass_throughs,
                   p.people_per_device, p.occupancy_people, p.occupancy_lower_95, p.occupancy_upper_95,
                   p.platform_people, p.entries_people, p.exits_people, b.station_id, b.bin_start_ms
            FROM station_bins b JOIN stations s USING (station_id)
            LEFT JOIN station_bin_people p USING (station_id, bin_start_ms)
            \(offset("b.bin_start_ms"))
            """),
        View(name: "link_loads_named", summary: "link_loads with line, direction, station names, local times and people", select: """
            SELECT l.name AS line, k.direction, f.naptan AS from_naptan, f.name AS from_station, t.naptan AS to_naptan, t.name AS to_station,
                   \(local("ll.bin_start_ms", alias: "bin_start_local")), \(utc("ll.bin_start_ms", alias: "bin_start_utc")),
                   ll.expected_devices, p.people, p.lower_95 AS people_lower_95, p.upper_95 AS people_upper_95, ll.link_id, ll.bin_start_ms
            FROM link_loads ll JOIN links k USING (link_id) JOIN lines l ON l.line_id = k.line_id
            JOIN stations f ON f.station_id = k.from_station_id JOIN stations t ON t.station_id = k.to_station_id
            LEFT JOIN link_load_people p USING (link_id, bin_start_ms)
            \(offset("ll.bin_start_ms"))
            """),
        View(name: "origin_destination_named", summary: "origin_destination with names and the local service date", select: """
            SELECT \(serviceDate("od.day_start_ms")), a.naptan AS origin_naptan, a.name AS origin, b.naptan AS destination_naptan,
                   b.name AS destination, od.journeys, od.day_start_ms
            FROM origin_destination od JOIN stations a ON a.station_id = od.origin_station_id
            JOIN stations b ON b.station_id = od.destination_station_id
            \(offset("od.day_start_ms"))
            """),
        View(name: "route_splits_named", summary: "route_splits with names and the local service date", select: """
            SELECT \(serviceDate("r.day_start_ms")), a.naptan AS origin_naptan, a.name AS origin, b.naptan AS destination_naptan,
                   b.name AS destination, r.route, r.path, r.expected_journeys, r.share, r.day_start_ms
            FROM route_splits r JOIN stations a ON a.station_id = r.origin_station_id
            JOIN stations b ON b.station_id = r.destination_station_id
            \(offset("r.day_start_ms"))
            """),
        View(name: "interchange_flows_named", summary: "interchange_flows with station and line names and local times", select: """
            SELECT s.naptan, s.name AS station, \(local("x.bin_start_ms", alias: "bin_start_local")), \(utc("x.bin_start_ms", alias: "bin_start_utc")),
                   fl.name AS from_line, tl.name AS to_line, x.expected_devices, x.bin_start_ms
            FROM interchange_flows x JOIN stations s USING (station_id)
            JOIN lines fl ON fl.line_id = x.from_line_id JOIN lines tl ON tl.line_id = x.to_line_id
            \(offset("x.bin_start_ms"))
            """),
        View(name: "passenger_estimates_named", summary: "passenger_estimates with names and the local service date", select: """
            SELECT \(serviceDate("e.day_start_ms")), s.naptan, s.name AS station, e.direction, e.sample_devices, e.expansion_factor,
                   e.factor_source, e.estimate, e.lower_95, e.upper_95, e.day_start_ms
            FROM passenger_estimates e JOIN stations s USING (station_id)
            \(offset("e.day_start_ms"))
            """),
        View(name: "station_hour_events_named", summary: "station_hour_events with names and local times", select: """
            SELECT s.naptan, s.name AS station, \(local("h.hour_start_ms", alias: "hour_start_local")), h.events, h.hour_start_ms
            FROM station_hour_events h JOIN stations s USING (station_id)
            \(offset("h.hour_start_ms"))
            """),
    ]
}
