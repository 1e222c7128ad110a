/// Walking time to change from one line to another, within a station or between two
/// stations of one complex (Bank ↔ Monument), as listed in `interchanges.csv`.
public struct Interchange: Hashable, Sendable {
    /// Where the passenger leaves the first line.
    public var fromStation: StationID
    /// The line left.
    public var fromLine: LineID
    /// Where the passenger boards the second line (the same station for an in-station change).
    public var toStation: StationID
    /// The line boarded.
    public var toLine: LineID
    /// Walking time in minutes, platform to platform.
    public var walkMinutes: Double

    /// Creates an interchange.
    public init(fromStation: StationID, fromLine: LineID, toStation: StationID, toLine: LineID, walkMinutes: Double) {
        self.fromStation = fromStation
        self.fromLine = fromLine
        self.toStation = toStation
        self.toLine = toLine
        self.walkMinutes = walkMinutes
    }

    /// Walking minutes assumed for an in-station change that `interchanges.csv` does not list.
    public static let defaultWalkMinutes: Double = 3.0
}
