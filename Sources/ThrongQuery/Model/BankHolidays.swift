public import ThrongCore

/// Bank holidays of England and Wales, computed by rule, with the one-off changes since 1995.
///
/// Rules: New Year's Day, Good Friday, Easter Monday, the first and last Mondays of May, the
/// last Monday of August, Christmas Day and Boxing Day, with a substitute weekday when one falls
/// on a weekend. One-off moves (1995, 2002, 2012, 2020, 2022) and extra days (1999-12-31,
/// 2002-06-03, 2011-04-29, 2012-06-05, 2022-06-03, 2022-09-19, 2023-05-08) are listed in
/// ``englandAndWales``. Later one-off days must be added there.
public struct BankHolidays: Sendable {
    private let moved: [Int: [CivilDate]]   // year -> replacement list of rule dates that moved (old → new pairs)
    private let extra: Set<Int>             // days since epoch
    private var precomputed: Set<Int> = []  // every bank holiday of precomputedYears
    private static let precomputedYears = 1990...2100

    /// England and Wales.
    public static let englandAndWales = BankHolidays()

    private init() {
        // (year, rule date, actual date)
        let moves: [(CivilDate, CivilDate)] = [
            (CivilDate(year: 1995, month: 5, day: 1), CivilDate(year: 1995, month: 5, day: 8)),
            (CivilDate(year: 2002, month: 5, day: 27), CivilDate(year: 2002, month: 6, day: 4)),
            (CivilDate(year: 2012, month: 5, day: 28), CivilDate(year: 2012, month: 6, day: 4)),
            (CivilDate(year: 2020, month: 5, day: 4), CivilDate(year: 2020, month: 5, day: 8)),
            (CivilDate(year: 2022, month: 5, day: 30), CivilDate(year: 2022, month: 6, day: 2)),
        ]
        var moved: [Int: [CivilDate]] = [:]
        for (from, to) in moves { moved[from.year, default: []] += [from, to] }
        self.moved = moved
        self.extra = Set([
            CivilDate(year: 1999, month: 12, day: 31), CivilDate(year: 2002, month: 6, day: 3),
            CivilDate(year: 2011, month: 4, day: 29), CivilDate(year: 2012, month: 6, day: 5),
            CivilDate(year: 2022, month: 6, day: 3), CivilDate(year: 2022, month: 9, day: 19),
            CivilDate(year: 2023, month: 5, day: 8),
        ].map(\.daysSinceEpoch))
        var all = Set<Int>()
        for year in Self.precomputedYears { for d in dates(in: year) { all.insert(d.daysSinceEpoch) } }
        self.precomputed = all
    }

    /// Whether `date` is a bank holiday.
    public func contains(_ date: CivilDate) -> Bool {
        if Self.precomputedYears.contains(date.year) { return precomputed.contains(date.daysSinceEpoch) }
        return dates(in: date.year).contains(date)
    }

    /// The bank holidays of a year, in date order (one-off extra days included).
    public func dates(in year: Int) -> [CivilDate] {
        func day(_ m: Int, _ d: Int) -> CivilDate { CivilDate(year: year, month: m, day: d) }
        func weekendShift(_ date: CivilDate) -> CivilDate {
            switch date.weekday {
            case 6: CivilDate(daysSinceEpoch: date.daysSinceEpoch + 2)
            case 0: CivilDate(daysSinceEpoch: date.daysSinceEpoch + 1)
            default: date
            }
        }
        func firstMonday(_ m: Int) -> CivilDate {
            let first = day(m, 1)
            return CivilDate(daysSinceEpoch: first.daysSinceEpoch + (8 - first.weekday) % 7)
        }
        func lastMonday(_ m: Int) -> CivilDate {
            let last = day(m, CivilDate.daysIn(month: m, year: year))
            return CivilDate(daysSinceEpoch: last.daysSinceEpoch - (last.weekday + 6) % 7)
        }
        let easter = Self.easterSunday(year)
        var result = [
            weekendShift(day(1, 1)),
            CivilDate(daysSinceEpoch: easter.daysSinceEpoch - 2),
            CivilDate(daysSinceEpoch: easter.daysSinceEpoch + 1),
            firstMonday(5), lastMonday(5), lastMonday(8),
        ]
        let christmas = day(12, 25)
        switch christmas.weekday {
        case 6: result += [day(12, 27), day(12, 28)]   // Sat, Sun -> Mon, Tue
        case 0: result += [day(12, 26), day(12, 27)]   // Sun -> Tue; Boxing Day Mon
        case 5: result += [christmas, day(12, 28)]     // Boxing Day Sat -> Mon
        default: result += [christmas, day(12, 26)]
        }
        if let pairs = moved[year] {
            for i in stride(from: 0, to: pairs.count, by: 2) {
                if let at = result.firstIndex(of: pairs[i]) { result[at] = pairs[i + 1] }
            }
        }
        for d in extra where CivilDate(daysSinceEpoch: d).year == year { result.append(CivilDate(daysSinceEpoch: d)) }
        return result.sorted()
    }

    /// Easter Sunday (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)
    }
}
