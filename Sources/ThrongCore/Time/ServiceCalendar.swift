/// Service days and day types in local time: a metro's day runs from 04:30 to 04:30, so
/// a journey at 00:40 on Saturday belongs to Friday's service day.
public struct ServiceCalendar: Hashable, Sendable {
    /// The local time zone.
    public var timeZone: TimeZoneRule
    /// Minutes after local midnight at which a service day starts (default 04:30).
    public var dayStartMinute: Int

    /// Creates a calendar.
    public init(timeZone: TimeZoneRule = .europeLondon, dayStartMinute: Int = 270) {
        self.timeZone = timeZone
        self.dayStartMinute = dayStartMinute
    }

    /// The local calendar date of the service day an instant belongs to.
    public func serviceDate(of utc: Int64) -> CivilDate {
        let shifted = timeZone.local(utc) - Int64(dayStartMinute) * 60_000
        return CivilDate(daysSinceEpoch: Int(shifted.floorDiv(86_400_000)))
    }

    /// The UTC instant at which a service day starts.
    public func start(of date: CivilDate) -> Int64 {
        let localStart = Int64(date.daysSinceEpoch) * 86_400_000 + Int64(dayStartMinute) * 60_000
        // The offset at the local start; near a clock change the offset one hour earlier is
        // the same because 04:30 is hours away from the 01:00 UTC change.
        return localStart - timeZone.offsetMillis(at: localStart)
    }

    /// The UTC start of the service day an instant belongs to.
    public func serviceDayStart(of utc: Int64) -> Int64 { start(of: serviceDate(of: utc)) }

    /// Minutes since local midnight (0…1439) of an instant.
    public func localMinuteOfDay(_ utc: Int64) -> Int {
        Int(timeZone.local(utc).floorDiv(60_000) % 1440 + 1440) % 1440
    }

    /// The day type of the service day an instant belongs to.
    public func dayType(of utc: Int64) -> DayType { DayType(serviceDate(of: utc)) }

    /// The running-time band at an instant: AM peak (used for both peaks) on weekdays, else inter-peak.
    public func timeBand(at utc: Int64) -> TimeBand {
        let type = dayType(of: utc)
        return TimeBand.forLocalMinute(localMinuteOfDay(utc), weekday: type == .mondayToThursday || type == .friday)
    }
}

/// TfL's day types for counts and profiles.
public enum DayType: String, Hashable, Sendable, CaseIterable {
    /// Monday to Thursday (`MTT`).
    case mondayToThursday = "MTT"
    /// Friday (`FRI`).
    case friday = "FRI"
    /// Saturday (`SAT`).
    case saturday = "SAT"
    /// Sunday (`SUN`).
    case sunday = "SUN"

    /// The day type of a date (bank holidays are not modelled).
    public init(_ date: CivilDate) {
        switch date.weekday {
        case 0: self = .sunday
        case 5: self = .friday
        case 6: self = .saturday
        default: self = .mondayToThursday
        }
    }
}
