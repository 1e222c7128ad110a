import ThrongCore

extension CrowdingSnapshotSchema {
    private typealias C = TableDefinition.Column

    /// `station_bin_people`: `station_bins` counts expanded to people with 95% intervals
    /// (`PeopleExpansion`; `docs/crowding.md`). A value is NULL when its count is suppressed.
    public static let stationBinPeople = TableDefinition(
        name: "station_bin_people",
        columns: [
            C("station_id", .integer),
            C("bin_start_ms", .integer),
            C("people_per_device", .real, summary: "expansion factor of the station and service day"),
        ] + ["occupancy", "platform", "entries", "exits"].flatMap { m in
            [
                C("\(m)_people", .real, nullable: true, summary: "\(m) in people"),
                C("\(m)_lower_95", .real, nullable: true, summary: "lower end of the 95% interval"),
                C("\(m)_upper_95", .real, nullable: true, summary: "upper end of the 95% interval"),
            ]
        },
        primaryKey: ["station_id", "bin_start_ms"],
        withoutRowID: true,
        summary: "Station counts per bin in people, with 95% intervals (NULL = suppressed)."
    )

    /// `link_load_people`: `link_loads` expanded to people with 95% intervals.
    public static let linkLoadPeople = TableDefinition(
        name: "link_load_people",
        columns: [
            C("link_id", .integer),
            C("bin_start_ms", .integer),
            C("people_per_device", .real, summary: "the network's people per device that service day"),
            C("people", .real, nullable: true, summary: "expected people traversing the link"),
            C("lower_95", .real, nullable: true),
            C("upper_95", .real, nullable: true),
        ],
        primaryKey: ["link_id", "bin_start_ms"],
        withoutRowID: true,
        summary: "Link loads per bin in people, with 95% intervals (NULL = suppressed)."
    )

    /// `local_time_offsets`: the run's local time zone as UTC offsets over the snapshot's
    /// time span, so SQL can show local times without a time-zone database.
    public static let localTimeOffsets = TableDefinition(
        name: "local_time_offsets",
        columns: [
            C("start_ms", .integer, summary: "first instant with this offset, epoch ms"),
            C("end_ms", .integer, summary: "first instant after it, epoch ms"),
            C("offset_minutes", .integer, summary: "local time minus UTC, minutes"),
            C("time_zone", .text, summary: "the run's time zone, e.g. Europe/London"),
        ],
        primaryKey: ["start_ms"],
        summary: "UTC offsets of local time over the snapshot's span."
    )
}
