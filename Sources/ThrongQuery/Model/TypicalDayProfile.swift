public import ThrongCore

/// One 15-minute band of a typical day.
public struct TypicalBand: Hashable, Sendable {
    /// 0 (`00:00–00:15`) … 95 (`23:45–24:00`), local time.
    public var band: Int
    /// The figures (``CrowdingReading/source`` is always typical).
    public var reading: CrowdingReading

    /// `HH:MM-HH:MM`, as TfL writes bands (`08:15-08:30`).
    public var timeBand: String { TypicalBand.label(from: band, to: band + 1) }

    /// `HH:MM-HH:MM` for bands `from ..< to` (band 96 is `24:00`, written `00:00` as TfL does).
    public static func label(from: Int, to: Int) -> String {
        func hm(_ b: Int) -> String {
            let m = (b % 96) * 15
            let h = m / 60, mm = m % 60
            return (h < 10 ? "0" : "") + String(h) + ":" + (mm < 10 ? "0" : "") + String(mm)
        }
        return hm(from) + "-" + hm(to)
    }
}

/// A two-hour window of a typical day with the highest mean level.
public struct PeakWindow: Hashable, Sendable {
    /// First band of the window.
    public var firstBand: Int
    /// Bands in the window (8: two hours).
    public var bandCount: Int
    /// Mean fraction of the baseline over the window.
    public var meanPercentageOfBaseline: Double

    /// `07:45-09:45`.
    public var timeBand: String { TypicalBand.label(from: firstBand, to: firstBand + bandCount) }
}

/// A station's typical day for one day category: 96 bands, the peaks, the busiest and quietest times.
public struct StationTypicalDay: Hashable, Sendable {
    /// The station whose figures answer.
    public var station: StationID
    /// The measure.
    public var measure: StationMeasure
    /// The day category.
    public var day: TypicalDay
    /// Bands 0…95 in clock order. Bands before the service day starts (00:00–04:30) are that
    /// service day's night, i.e. the early hours of the next calendar day.
    public var bands: [TypicalBand]
    /// The busiest two hours starting 05:00–10:00 (nil without data for a whole window).
    public var amPeak: PeakWindow?
    /// The busiest two hours starting 12:00–22:00.
    public var pmPeak: PeakWindow?
    /// Whether any band has data.
    public var dataAvailable: Bool

    /// The band with the highest level (first in clock order on ties).
    public var busiest: TypicalBand? {
        bands.filter { $0.reading.dataAvailable }.max { ($0.reading.people?.people ?? 0) < ($1.reading.people?.people ?? 0) }
    }

    /// The band with the lowest level among bands with data (first in clock order on ties).
    public var quietest: TypicalBand? {
        bands.filter { $0.reading.dataAvailable }.min { ($0.reading.people?.people ?? 0) < ($1.reading.people?.people ?? 0) }
    }

    /// Bands with data, quietest first, at most `count` (ties by clock order).
    public func quietestBands(_ count: Int) -> [TypicalBand] {
        Array(bands.filter { $0.reading.dataAvailable }.enumerated()
            .sorted { ($0.element.reading.people?.people ?? 0, $0.offset) < ($1.element.reading.people?.people ?? 0, $1.offset) }
            .prefix(count).map(\.element))
    }

    /// Bands with data, busiest first, at most `count` (ties by clock order).
    public func busiestBands(_ count: Int) -> [TypicalBand] {
        Array(bands.filter { $0.reading.dataAvailable }.enumerated()
            .sorted { ($0.element.reading.people?.people ?? 0, -$0.offset) > ($1.element.reading.people?.people ?? 0, -$1.offset) }
            .prefix(count).map(\.element))
    }
}

/// A station's typical week: one ``StationTypicalDay`` per day category with data.
public struct StationTypicalWeek: Hashable, Sendable {
    /// The station whose figures answer.
    public var station: StationID
    /// Days with data (Monday … Sunday, then bank holiday).
    public var days: [StationTypicalDay]
    /// The baseline: the busiest typical band's people over every day category (0 when none).
    public var baselinePeople: Double
    /// True when no band of any day leaves ``BusynessLevel/quiet``.
    public var isAlwaysQuiet: Bool
    /// Whether any day has data.
    public var isFound: Bool
}
