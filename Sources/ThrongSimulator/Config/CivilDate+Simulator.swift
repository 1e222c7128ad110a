public import ThrongCore

extension CivilDate {
    /// Parses `YYYY-MM-DD` (a real date, 1970 or later).
    public init?(simulatorParsing text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d), (1970...9999).contains(y),
              d <= CivilDate.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date `n` days later.
    func adding(days n: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + n) }

    /// Epoch milliseconds of 00:00 UTC of this date.
    var midnightMs: Int64 { Int64(daysSinceEpoch) * 86_400_000 }
}

extension DayType {
    /// Whether weekday running times (AM-peak band) apply.
    var isWeekday: Bool { self == .mondayToThursday || self == .friday }
}
