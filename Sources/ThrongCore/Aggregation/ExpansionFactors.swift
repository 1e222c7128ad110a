/// Passengers per detected device, per station, direction and day type.
///
/// With gate counts (a typical day's entries and exits per quarter hour for each day type,
/// as in TfL's annual counts), the factor of a station, direction and day type is
/// `Σ G / Σ n` over the run's days of that type, where `n` is the devices counted
/// (journeys starting or ending there) and `G` the gate count summed over the quarter
/// hours the run covers on that day. Without gate counts for a station, the default
/// factor applies: `1 / assumedDeviceRate`.
public struct ExpansionFactors: Sendable {
    /// A factor and where it came from.
    public struct Factor: Hashable, Sendable {
        /// Passengers per device.
        public var value: Double
        /// `gate-counts:<day type>` or `assumed-device-rate:<rate>`.
        public var source: String
    }

    /// Quarter-hour gate counts: per station and day type, 96 values for entries and 96 for
    /// exits, quarter 0 starting at 05:00 local time.
    public var profiles: [StationID: [DayType: (entries: [Double], exits: [Double])]]
    /// The device rate assumed where there are no gate counts.
    public var assumedDeviceRate: Double
    /// The instants the run covers (first to last accepted event), for summing quarter hours.
    public var coverage: ClosedRange<Int64>?

    /// Creates factors from profiles (may be empty).
    public init(profiles: [StationID: [DayType: (entries: [Double], exits: [Double])]] = [:], assumedDeviceRate: Double = 0.5,
                coverage: ClosedRange<Int64>? = nil) {
        self.profiles = profiles
        self.assumedDeviceRate = assumedDeviceRate
        self.coverage = coverage
    }

    /// The factor used where gate counts are missing.
    public var defaultFactor: Factor {
        Factor(value: 1 / assumedDeviceRate, source: "assumed-device-rate:\(assumedDeviceRate)")
    }

    /// Calibrated factors for the observed station-days that have gate counts.
    public func factors(observed: [StationDayDirection: Int], calendar: ServiceCalendar) -> [StationDayDirection: Factor] {
        guard let coverage, !profiles.isEmpty else { return [:] }
        struct Key: Hashable { var station: StationID; var entries: Bool; var type: DayType }
        var gate: [Key: Double] = [:]
        var devices: [Key: Int] = [:]
        for (sdd, n) in observed {
            let type = calendar.dayType(of: sdd.day)
            guard let profile = profiles[sdd.station]?[type] else { continue }
            let key = Key(station: sdd.station, entries: sdd.entries, type: type)
            devices[key, default: 0] += n
            gate[key, default: 0] += coveredSum(sdd.entries ? profile.entries : profile.exits, day: sdd.day, coverage: coverage, calendar: calendar)
        }
        var result: [StationDayDirection: Factor] = [:]
        for sdd in observed.keys {
            let type = calendar.dayType(of: sdd.day)
            let key = Key(station: sdd.station, entries: sdd.entries, type: type)
            guard let n = devices[key], n > 0, let g = gate[key], g > 0 else { continue }
            result[sdd] = Factor(value: g / Double(n), source: "gate-counts:\(type.rawValue)")
        }
        return result
    }

    /// The gate count of the quarter hours of one service day that the coverage overlaps.
    func coveredSum(_ quarters: [Double], day: Int64, coverage: ClosedRange<Int64>, calendar: ServiceCalendar) -> Double {
        var sum = 0.0
        for q in 0..<min(96, quarters.count) {
            // Quarter q starts at 05:00 + 15q minutes local; the service day starts at dayStartMinute.
            let offsetMinutes = (300 + 15 * q - calendar.dayStartMinute + 1440) % 1440
            let start = day + Int64(offsetMinutes) * 60_000
            let end = start + 15 * 60_000
            if end > coverage.lowerBound && start <= coverage.upperBound { sum += quarters[q] }
        }
        return sum
    }
}
