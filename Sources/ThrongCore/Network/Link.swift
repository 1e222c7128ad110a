/// A directed link between two adjacent stations on one line, as listed in `links.csv`.
public struct Link: Hashable, Sendable {
    /// The line the trains run on.
    public var line: LineID
    /// The direction code (`NB`, `SB`, `EB`, `WB`).
    public var direction: String
    /// The station the train leaves.
    public var from: StationID
    /// The station the train reaches next.
    public var to: StationID
    /// Track length in kilometres.
    public var distanceKm: Double
    /// Running time in minutes, dwell at `to` included, for the given ``TimeBand``.
    public var runningMinutes: RunningTimes
    /// Free-text provenance note from `links.csv` (estimated or split times, corrections), if any.
    public var note: String?

    /// Creates a link.
    public init(
        line: LineID, direction: String, from: StationID, to: StationID, distanceKm: Double, runningMinutes: RunningTimes,
        note: String? = nil
    ) {
        self.line = line
        self.direction = direction
        self.from = from
        self.to = to
        self.distanceKm = distanceKm
        self.runningMinutes = runningMinutes
        self.note = note
    }
}

/// Running times of a link for the three published time bands, in minutes.
public struct RunningTimes: Hashable, Sendable {
    /// Unimpeded (no congestion) running time.
    public var unimpeded: Double
    /// AM-peak running time.
    public var amPeak: Double
    /// Inter-peak running time.
    public var interPeak: Double

    /// Creates running times.
    public init(unimpeded: Double, amPeak: Double, interPeak: Double) {
        self.unimpeded = unimpeded
        self.amPeak = amPeak
        self.interPeak = interPeak
    }

    /// The running time for a time band.
    @inlinable public subscript(band: TimeBand) -> Double {
        switch band {
        case .unimpeded: unimpeded
        case .amPeak: amPeak
        case .interPeak: interPeak
        }
    }
}

/// Which of the published running times applies.
public enum TimeBand: String, Hashable, Sendable, CaseIterable {
    /// No congestion.
    case unimpeded
    /// 07:00–10:00 and, by convention here, 16:00–19:00 on weekdays.
    case amPeak
    /// All other times.
    case interPeak

    /// The band for a local minute of day on a weekday or weekend (weekends use inter-peak).
    public static func forLocalMinute(_ minute: Int, weekday: Bool) -> TimeBand {
        guard weekday else { return .interPeak }
        let m = ((minute % 1440) + 1440) % 1440
        return (420..<600).contains(m) || (960..<1140).contains(m) ? .amPeak : .interPeak
    }
}
