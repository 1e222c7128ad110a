/// Estimated passengers at a station on a day, expanded from device counts.
public struct PassengerEstimateRow: Hashable, Sendable {
    /// The service day's start, Unix epoch milliseconds.
    public var dayStart: Int64
    /// The station.
    public var station: StationID
    /// Entries (journeys starting here) or exits.
    public var direction: Direction
    /// Devices observed, the sample size behind the estimate (`nil` when below the threshold).
    public var sampleDevices: Int?
    /// The expansion factor applied (passengers per device).
    public var expansionFactor: Double
    /// Where the factor came from.
    public var factorSource: String
    /// Estimated passengers (`nil` when the sample is below the disclosure threshold).
    public var estimate: Double?
    /// Lower end of the 95% interval.
    public var lower: Double?
    /// Upper end of the 95% interval.
    public var upper: Double?

    /// Entries or exits.
    public enum Direction: String, Hashable, Sendable {
        /// Journeys starting at the station.
        case entries
        /// Journeys ending at the station.
        case exits
    }

    /// Creates a row.
    public init(dayStart: Int64, station: StationID, direction: Direction, sampleDevices: Int?, expansionFactor: Double,
                factorSource: String, estimate: Double?, lower: Double?, upper: Double?) {
        self.dayStart = dayStart
        self.station = station
        self.direction = direction
        self.sampleDevices = sampleDevices
        self.expansionFactor = expansionFactor
        self.factorSource = factorSource
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
    }
}
