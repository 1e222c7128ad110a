/// A proleptic Gregorian calendar date, converted to and from days since 1970-01-01 with
/// ``Timestamp/daysFromCivil(year:month:day:)`` (no Foundation, no time zone database).
public struct CivilDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year.
    public var year: Int
    /// The month, 1…12.
    public var month: Int
    /// The day of the month, 1…31.
    public var day: Int

    /// Creates a date; a month of 13 means January of the next year (and so on).
    public init(year: Int, month: Int, day: Int) {
        let m0 = month - 1
        self.year = year + (m0 >= 0 ? m0 / 12 : (m0 - 11) / 12)
        self.month = ((m0 % 12) + 12) % 12 + 1
        self.day = day
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let (y, m, d) = Timestamp.civilFromDays(Int64(days))
        year = Int(y)
        month = Int(m)
        day = Int(d)
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        Int(Timestamp.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { ((daysSinceEpoch + 4) % 7 + 7) % 7 }

    /// Whether `year` is a leap year.
    public static func isLeapYear(_ year: Int) -> Bool { Timestamp.isLeapYear(Int64(year)) }

    /// Days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: Self, b: Self) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}
