/// What ``TfLImporter/importLondon(source:destination:)`` produced and every adjustment it made
/// to the source data. Its ``description`` is also written to `import_report.txt`.
public struct ImportReport: Sendable, CustomStringConvertible {
    /// Stations written.
    public var stations = 0
    /// Lines.
    public var lines = 0
    /// Directed links.
    public var links = 0
    /// Access points generated.
    public var accessPoints = 0
    /// Interchange rows (in-station and out-of-station).
    public var interchanges = 0
    /// Through movements no train runs, implied by the order of the source's links.
    public var noThroughRides = 0
    /// Of ``interchanges``, those between two different stations.
    public var outOfStationInterchanges = 0
    /// Links whose running times were estimated, as `line direction from→to: minutes`.
    public var estimatedLinks: [String] = []
    /// Rows of `demand/od_daily.csv` per year.
    public var odRowsByYear: [(year: Int, rows: Int, journeys: Int)] = []
    /// Rows of `demand/station_profiles_2019.csv`.
    public var profileRows = 0
    /// Rows of `gate_counts_2019.csv`.
    public var gateCountRows = 0
    /// NLCs of the demand sources that match no station (`file: NLC (name)`).
    public var unmatchedNLCs: [String] = []
    /// Every other adjustment or decision, one line each.
    public var notes: [String] = []
    /// Files written, relative to the destination.
    public var files: [String] = []

    /// Creates an empty report.
    public init() {}

    /// A plain-text report, deterministic.
    public var description: String {
        var s = "TfL London import report\n"
        s += "stations: \(stations)\nlines: \(lines)\nlinks: \(links)\naccess points: \(accessPoints)\n"
        s += "interchanges: \(interchanges) (out-of-station: \(outOfStationInterchanges))\n"
        s += "no through rides: \(noThroughRides)\n"
        for y in odRowsByYear { s += "od_daily \(y.year): \(y.rows) rows, \(y.journeys) journeys\n" }
        s += "station profiles: \(profileRows) rows\ngate counts: \(gateCountRows) rows\n"
        s += "estimated links:\n" + estimatedLinks.map { "  \($0)\n" }.joined()
        s += "unmatched NLCs:\n" + (unmatchedNLCs.isEmpty ? "  (none)\n" : unmatchedNLCs.map { "  \($0)\n" }.joined())
        s += "notes:\n" + notes.map { "  \($0)\n" }.joined()
        s += "files:\n" + files.map { "  \($0)\n" }.joined()
        return s
    }
}
