/// A published distribution: how long devices dwell at a station, take to change lines,
/// or take for a whole journey.
public struct DistributionRow: Hashable, Sendable {
    /// What is measured.
    public enum Metric: String, Hashable, Sendable, CaseIterable {
        /// Time from a visit's first to last ping, for entry and exit visits.
        case dwell
        /// Time from first to last ping of an interchange visit.
        case interchange
        /// Time from a journey's first to last ping.
        case journeyTime = "journey_time"
    }

    /// The service day's start, Unix epoch milliseconds.
    public var dayStart: Int64
    /// What is measured.
    public var metric: Metric
    /// The station (for journey time: the origin), or `nil` for the whole network.
    public var station: StationID?
    /// Number of observations (`nil` when below the disclosure threshold).
    public var count: Int?
    /// Median, seconds (`nil` when `count` is below the disclosure threshold).
    public var medianSeconds: Double?
    /// 90th percentile, seconds (`nil` when suppressed).
    public var p90Seconds: Double?

    /// Creates a row.
    public init(dayStart: Int64, metric: Metric, station: StationID?, count: Int?, medianSeconds: Double?, p90Seconds: Double?) {
        self.dayStart = dayStart
        self.metric = metric
        self.station = station
        self.count = count
        self.medianSeconds = medianSeconds
        self.p90Seconds = p90Seconds
    }
}
