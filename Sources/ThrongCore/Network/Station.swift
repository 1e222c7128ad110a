/// A station of the network, as listed in `stations.csv`.
public struct Station: Hashable, Sendable {
    /// The NaPTAN stop-area code, e.g. `940GZZLUKSX`. Unique in a network.
    public var naptan: String
    /// The public name, e.g. `King's Cross St. Pancras`.
    public var name: String
    /// TfL's National Location Code, when known.
    public var nlc: Int?
    /// The NLC under which the station's gate counts are published (Monument's are under Bank's).
    public var countsNLC: Int?
    /// Latitude in degrees (WGS84).
    public var latitude: Double
    /// Longitude in degrees (WGS84).
    public var longitude: Double
    /// Fare zones; two for a boundary station (`2/3` → `[2, 3]`).
    public var fareZones: [Int]
    /// Lines calling here.
    public var lines: [LineID]
    /// Number of platforms.
    public var platforms: Int

    /// Creates a station.
    public init(
        naptan: String, name: String, nlc: Int?, countsNLC: Int?, latitude: Double, longitude: Double,
        fareZones: [Int], lines: [LineID], platforms: Int
    ) {
        self.naptan = naptan
        self.name = name
        self.nlc = nlc
        self.countsNLC = countsNLC
        self.latitude = latitude
        self.longitude = longitude
        self.fareZones = fareZones
        self.lines = lines
        self.platforms = platforms
    }

    /// The lowest fare zone (`1` for a zone 1 station, `2` for a `2/3` boundary station).
    public var innermostZone: Int { fareZones.min() ?? 0 }
}
