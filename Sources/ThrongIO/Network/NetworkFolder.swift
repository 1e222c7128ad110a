/// File names and header rows of a network folder (`--network DIR`), shared by
/// `NetworkLoader` and `NetworkWriter`. See `docs/formats.md`, "Network folder".
public enum NetworkFolder {
    /// `stations.csv`: one row per station.
    public static let stationsFile = "stations.csv"
    /// `links.csv`: one row per directed link.
    public static let linksFile = "links.csv"
    /// `access_points.csv`: one row per wifi access point.
    public static let accessPointsFile = "access_points.csv"
    /// `interchanges.csv`: one row per listed (directed) change of line.
    public static let interchangesFile = "interchanges.csv"
    /// `no_through_rides.csv` (optional): through movements no train runs.
    public static let noThroughRidesFile = "no_through_rides.csv"

    /// Header of `stations.csv`.
    public static let stationsHeader = ["naptan", "name", "nlc", "counts_nlc", "lat", "lon", "fare_zones", "lines", "platforms"]
    /// Header of `links.csv`.
    public static let linksHeader = [
        "line", "direction", "from_naptan", "to_naptan", "distance_km", "unimpeded_min", "am_peak_min", "inter_peak_min", "note",
    ]
    /// Header of `access_points.csv`.
    public static let accessPointsHeader = ["ap", "naptan", "area", "line", "direction"]
    /// Header of `interchanges.csv`.
    public static let interchangesHeader = ["from_naptan", "from_line", "to_naptan", "to_line", "walk_min"]
    /// Header of `no_through_rides.csv`.
    public static let noThroughRidesHeader = ["line", "from_naptan", "via_naptan", "to_naptan"]

    /// Longest access point id, in characters.
    public static let maxAccessPointIDLength = 64

    /// Joins a folder and a file name.
    static func path(_ directory: String, _ file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    /// A direction code is 1–8 characters `A`–`Z` (`NB`, `SB`, `EB`, `WB`, `IR`, `OR`).
    static func isValidDirection(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 8 && s.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }
}
