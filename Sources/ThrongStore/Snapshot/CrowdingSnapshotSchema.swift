import ThrongCore

/// The SQLite schema of a crowding snapshot file (schema version ``CrowdingSnapshot/schemaVersion``).
///
/// `docs/schema.md` documents every table; the `summary` strings here are the short form.
/// Conventions: times are Unix epoch **milliseconds** (UTC) in `*_ms` columns; durations are
/// seconds; expected (inferred) counts are stored twice, as `REAL` and exactly as integer
/// millionths (`*_micros`); a suppressed cell (disclosure control) is `NULL`.
public enum CrowdingSnapshotSchema {
    /// The file format: name `throng.crowding`, version ``CrowdingSnapshot/schemaVersion``.
    public static let format = SnapshotFormat(name: "throng.crowding", version: Int32(CrowdingSnapshot.schemaVersion))

    /// Every table the mapping writes (besides `throng_meta`), in writing order.
    public static let tables: [TableDefinition] = [
        lines, stations, stationLines, links,
        stationBins, originDestination, routeSplits, linkLoads, interchangeFlows, distributions,
        stationHourEvents, passengerEstimates,
        quality, rejections, inputFiles, runParameters, privacyNoise,
        stationBinPeople, linkLoadPeople, localTimeOffsets,
    ]

    private typealias C = TableDefinition.Column
    private typealias I = TableDefinition.Index

    // MARK: Network (makes the file self-describing)

    /// `lines`: the network's lines.
    public static let lines = TableDefinition(
        name: "lines",
        columns: [C("line_id", .integer, summary: "line index used by other tables"), C("name", .text, summary: "line name, e.g. Victoria")],
        primaryKey: ["line_id"],
        indexes: [I("lines_by_name", on: ["name"], unique: true)],
        summary: "The network's lines."
    )

    /// `stations`: the network's stations with NaPTAN codes and names.
    public static let stations = TableDefinition(
        name: "stations",
        columns: [
            C("station_id", .integer, summary: "station index used by other tables"),
            C("naptan", .text, summary: "NaPTAN stop-area code, e.g. 940GZZLUKSX"),
            C("name", .text, summary: "public name"),
            C("nlc", .integer, nullable: true, summary: "TfL National Location Code"),
            C("counts_nlc", .integer, nullable: true, summary: "NLC under which gate counts are published"),
            C("latitude", .real, summary: "degrees, WGS84"),
            C("longitude", .real, summary: "degrees, WGS84"),
            C("fare_zones", .text, summary: "fare zones as published, e.g. 2/3"),
            C("innermost_zone", .integer, summary: "lowest fare zone"),
            C("platforms", .integer, summary: "number of platforms"),
        ],
        primaryKey: ["station_id"],
        indexes: [I("stations_by_naptan", on: ["naptan"], unique: true)],
        summary: "The network's stations."
    )

    /// `station_lines`: which lines call at which station.
    public static let stationLines = TableDefinition(
        name: "station_lines",
        columns: [C("station_id", .integer), C("line_id", .integer)],
        primaryKey: ["station_id", "line_id"],
        withoutRowID: true,
        summary: "Lines calling at each station."
    )

    /// `links`: directed links between adjacent stations on one line.
    public static let links = TableDefinition(
        name: "links",
        columns: [
            C("link_id", .integer, summary: "link index used by link_loads"),
            C("line_id", .integer),
            C("direction", .text, summary: "NB, SB, EB or WB"),
            C("from_station_id", .integer, summary: "station the train leaves"),
            C("to_station_id", .integer, summary: "station the train reaches next"),
            C("distance_km", .real, summary: "track length, km"),
            C("unimpeded_minutes", .real, summary: "running time incl. dwell at to_station, minutes"),
            C("am_peak_minutes", .real, summary: "AM-peak running time, minutes"),
            C("inter_peak_minutes", .real, summary: "inter-peak running time, minutes"),
            C("note", .text, nullable: true, summary: "provenance note"),
        ],
        primaryKey: ["link_id"],
        indexes: [I("links_by_stations", on: ["from_station_id", "to_station_id"])],
        summary: "Directed links of the network."
    )

    // MARK: Aggregates

    /// `station_bins`: per station and time bin counts.
    public static let stationBins = TableDefinition(
        name: "station_bins",
        columns: [
            C("station_id", .integer),
            C("bin_start_ms", .integer, summary: "bin start, Unix epoch ms; width in throng_meta.bin_millis"),
            C("occupancy", .integer, nullable: true, summary: "distinct devices anywhere in the station during the bin"),
            C("platform_occupancy", .integer, nullable: true, summary: "distinct devices on a platform"),
            C("concourse_occupancy", .integer, nullable: true, summary: "distinct devices outside the platforms"),
            C("entries", .integer, nullable: true, summary: "journeys starting here, in the bin of their first ping"),
            C("exits", .integer, nullable: true, summary: "journeys ending here, in the bin of their last ping"),
            C("interchanges", .integer, nullable: true, summary: "interchange visits, in the bin of the first ping"),
            C("pass_throughs", .integer, nullable: true, summary: "devices seen on a train stopping here"),
        ],
        primaryKey: ["station_id", "bin_start_ms"],
        indexes: [I("station_bins_by_time", on: ["bin_start_ms"])],
        withoutRowID: true,
        summary: "Counts of devices per station and time bin (NULL = suppressed)."
    )

    /// `origin_destination`: journeys per OD pair and service day.
    public static let originDestination = TableDefinition(
        name: "origin_destination",
        columns: [
            C("day_start_ms", .integer, summary: "service day start (04:30 local), Unix epoch ms"),
            C("origin_station_id", .integer),
            C("destination_station_id", .integer),
            C("journeys", .integer, nullable: true, summary: "journeys observed at both ends"),
        ],
        primaryKey: ["day_start_ms", "origin_station_id", "destination_station_id"],
        indexes: [I("origin_destination_by_destination", on: ["day_start_ms", "destination_station_id"])],
        withoutRowID: true,
        summary: "Journeys per origin, destination and service day (NULL = suppressed)."
    )

    /// `route_splits`: expected journeys per named route of an OD pair and day.
    public static let routeSplits = TableDefinition(
        name: "route_splits",
        columns: [
            C("day_start_ms", .integer),
            C("origin_station_id", .integer),
            C("destination_station_id", .integer),
            C("route", .text, summary: "route name, e.g. Victoria > Green Park > Jubilee"),
            C("path", .text, summary: "NAPTAN>Line>NAPTAN>…"),
            C("expected_journeys", .real, nullable: true, summary: "expected journeys (sum of route probabilities)"),
            C("expected_journeys_micros", .integer, nullable: true, summary: "the same, exactly, in millionths"),
            C("share", .real, nullable: true, summary: "share of the OD pair's journeys, 0..1"),
        ],
        primaryKey: ["day_start_ms", "origin_station_id", "destination_station_id", "path"],
        withoutRowID: true,
        summary: "Expected journeys per route of each OD pair and day (NULL = suppressed)."
    )

    /// `link_loads`: expected devices traversing each directed link per bin.
    public static let linkLoads = TableDefinition(
        name: "link_loads",
        columns: [
            C("link_id", .integer),
            C("bin_start_ms", .integer, summary: "bin in which devices traverse the link"),
            C("expected_devices", .real, nullable: true),
            C("expected_devices_micros", .integer, nullable: true, summary: "exactly, in millionths"),
        ],
        primaryKey: ["link_id", "bin_start_ms"],
        indexes: [I("link_loads_by_time", on: ["bin_start_ms"])],
        withoutRowID: true,
        summary: "Expected devices per directed link and bin (NULL = suppressed)."
    )

    /// `interchange_flows`: expected devices changing lines per station and bin.
    public static let interchangeFlows = TableDefinition(
        name: "interchange_flows",
        columns: [
            C("station_id", .integer, summary: "where the change happens (out-of-station: where the first line is left)"),
            C("bin_start_ms", .integer),
            C("from_line_id", .integer),
            C("to_line_id", .integer),
            C("expected_devices", .real, nullable: true),
            C("expected_devices_micros", .integer, nullable: true, summary: "exactly, in millionths"),
        ],
        primaryKey: ["station_id", "bin_start_ms", "from_line_id", "to_line_id"],
        withoutRowID: true,
        summary: "Expected line changes per station, bin and line pair (NULL = suppressed)."
    )

    /// `distributions`: dwell, interchange and journey time distributions.
    public static let distributions = TableDefinition(
        name: "distributions",
        columns: [
            C("day_start_ms", .integer),
            C("metric", .text, summary: "dwell, interchange or journey_time"),
            C("station_id", .integer, nullable: true, summary: "station (journey_time: origin); NULL = whole network"),
            C("observations", .integer, nullable: true),
            C("median_seconds", .real, nullable: true, summary: "nearest-rank median, s"),
            C("p90_seconds", .real, nullable: true, summary: "nearest-rank 90th percentile, s"),
        ],
        indexes: [I("distributions_key", on: ["day_start_ms", "metric", "station_id"], unique: true)],
        summary: "Duration distributions per day, metric and station (NULL = suppressed)."
    )

    /// `station_hour_events`: accepted events per station and clock hour (data quality).
    public static let stationHourEvents = TableDefinition(
        name: "station_hour_events",
        columns: [
            C("station_id", .integer),
            C("hour_start_ms", .integer, summary: "clock hour start, Unix epoch ms"),
            C("events", .integer, nullable: true, summary: "accepted events (not people)"),
        ],
        primaryKey: ["station_id", "hour_start_ms"],
        withoutRowID: true,
        summary: "Accepted events per station and hour, a data-quality figure (NULL = suppressed)."
    )

    /// `passenger_estimates`: passengers per station, day and direction, expanded from devices.
    public static let passengerEstimates = TableDefinition(
        name: "passenger_estimates",
        columns: [
            C("day_start_ms", .integer),
            C("station_id", .integer),
            C("direction", .text, summary: "entries or exits"),
            C("sample_devices", .integer, nullable: true, summary: "devices observed"),
            C("expansion_factor", .real, summary: "passengers per device"),
            C("factor_source", .text, summary: "where the factor came from"),
            C("estimate", .real, nullable: true, summary: "estimated passengers"),
            C("lower_95", .real, nullable: true, summary: "lower end of the 95% interval"),
            C("upper_95", .real, nullable: true, summary: "upper end of the 95% interval"),
        ],
        primaryKey: ["day_start_ms", "station_id", "direction"],
        withoutRowID: true,
        summary: "Estimated passengers per station, day and direction (NULL = suppressed)."
    )

    // MARK: Run record

    /// `quality`: the run's totals by name.
    public static let quality = TableDefinition(
        name: "quality",
        columns: [C("name", .text), C("value", .integer)],
        primaryKey: ["name"],
        withoutRowID: true,
        summary: "Run totals: lines read, accepted, rejected, devices, journeys, …"
    )

    /// `rejections`: rejected input lines by reason.
    public static let rejections = TableDefinition(
        name: "rejections",
        columns: [C("reason", .text, summary: "reject reason code"), C("lines", .integer)],
        primaryKey: ["reason"],
        withoutRowID: true,
        summary: "Rejected input lines per reason code."
    )

    /// `input_files`: the run's input manifest.
    public static let inputFiles = TableDefinition(
        name: "input_files",
        columns: [
            C("input_id", .integer, summary: "position in the run's input list"),
            C("path", .text, summary: "path as given"),
            C("bytes", .integer, nullable: true, summary: "size, bytes (NULL in a private release)"),
            C("hash", .text, nullable: true, summary: "content hash, hex (NULL in a private release)"),
            C("lines", .integer, nullable: true), C("accepted", .integer, nullable: true), C("rejected", .integer, nullable: true),
            C("problem", .text, nullable: true, summary: "file-level problem (truncated, corrupt, unreadable)"),
        ],
        primaryKey: ["input_id"],
        summary: "Input files with sizes, hashes and line counts."
    )

    /// `privacy_noise`: the noise of a differentially private release, one row per measure
    /// (empty for an exact release).
    public static let privacyNoise = TableDefinition(
        name: "privacy_noise",
        columns: [
            C("measure", .text, summary: "published measure (a column or table)"),
            C("table_name", .text, summary: "the table it is published in"),
            C("sensitivity", .real, summary: "L2 sensitivity per device-day"),
            C("sigma", .real, summary: "standard deviation of the Gaussian noise per cell"),
            C("threshold", .real, nullable: true, summary: "noisy value a row needs to be published; NULL: whole domain published"),
        ],
        primaryKey: ["measure"],
        withoutRowID: true,
        summary: "Noise of a differentially private release per measure (docs/privacy.md)."
    )

    /// `run_parameters`: the run's configuration.
    public static let runParameters = TableDefinition(
        name: "run_parameters",
        columns: [C("name", .text), C("value", .text)],
        primaryKey: ["name"],
        withoutRowID: true,
        summary: "Run parameters as name/value text."
    )
}

extension CrowdingSnapshotSchema {
    /// Opens a crowding snapshot file read-only, checking it is `throng.crowding` of this build's schema version.
    public static func openReader(path: String) throws(ThrongStoreError) -> SnapshotReader {
        try SnapshotReader(path: path, format: format)
    }
}
