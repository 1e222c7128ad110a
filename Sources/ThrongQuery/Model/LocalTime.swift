public import ThrongCore

/// Local wall-clock times in the index's time zone, as people write them.
public struct LocalTime: Hashable, Sendable {
    /// The calendar (time zone and service-day start) the times are in.
    public var calendar: ServiceCalendar

    /// Creates a converter.
    public init(calendar: ServiceCalendar) { self.calendar = calendar }

    /// The UTC instant of a local date and minute of day (in a clock change's repeated hour,
    /// the first; in a skipped hour, an instant one hour later).
    public func instant(date: CivilDate, minuteOfDay: Int) -> Int64 {
        let local = Int64(date.daysSinceEpoch) * 86_400_000 + Int64(minuteOfDay) * 60_000
        let zone = calendar.timeZone
        // The offsets a day either side bracket any clock change; keep the UTC instants that
        // read as `local`, and take the earlier (the first of a repeated hour).
        let offsets = Set([zone.offsetMillis(at: local - 86_400_000), zone.offsetMillis(at: local), zone.offsetMillis(at: local + 86_400_000)])
        let fits = offsets.map { local - $0 }.filter { zone.local($0) == local }
        if let first = fits.min() { return first }
        // A skipped hour: the offset before the change puts it an hour later.
        return local - zone.offsetMillis(at: local - 86_400_000)
    }

    /// `YYYY-MM-DD HH:MM` in local time.
    public func describe(_ utc: Int64) -> String {
        let local = calendar.timeZone.local(utc)
        let day = local.floorDiv(86_400_000)
        let minute = Int((local - day * 86_400_000) / 60_000)
        return CivilDate(daysSinceEpoch: Int(day)).description + " " + Self.clock(minute)
    }

    /// `HH:MM` in local time.
    public func clock(_ utc: Int64) -> String { Self.clock(calendar.localMinuteOfDay(utc)) }

    /// `HH:MM` of a minute of day.
    public static func clock(_ minuteOfDay: Int) -> String {
        let m = ((minuteOfDay % 1440) + 1440) % 1440
        let h = m / 60, mm = m % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (mm < 10 ? "0" : "") + String(mm)
    }

    /// Reads `HH:MM` (00:00–23:59, or 24:00) into a minute of day.
    public static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    /// Reads an instant: epoch milliseconds; ISO-8601 with `Z` or an offset; or a local
    /// `YYYY-MM-DD HH:MM` / `YYYY-MM-DDTHH:MM[:SS]` without offset (in this time zone).
    /// `HH:MM` alone is on the service day of `defaultDate` (before 04:30: the next calendar date).
    public func parse(_ text: String, defaultDate: CivilDate? = nil) -> Int64? {
        let t = text.trimmingSpaces()
        if let ms = Int64(t) { return (Timestamp.minMillis...Timestamp.maxMillis).contains(ms) ? ms : nil }
        var copy = t
        if case .millis(let ms) = copy.withUTF8({ Timestamp.parse(UnsafeRawBufferPointer($0)) }) { return ms }
        if let minute = Self.minuteOfDay(t), let date = defaultDate {
            // On that service day: before its start (04:30) means the early hours of the next date.
            let day = minute < calendar.dayStartMinute ? CivilDate(daysSinceEpoch: date.daysSinceEpoch + 1) : date
            return instant(date: day, minuteOfDay: minute)
        }
        let split = t.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard split.count == 2 else { return nil }
        let d = split[0].split(separator: "-")
        guard d.count == 3, let y = Int(d[0]), let mo = Int(d[1]), let da = Int(d[2]),
              Timestamp.isValidDate(year: Int64(y), month: Int64(mo), day: Int64(da)) else { return nil }
        var clock = String(split[1])
        if clock.count == 8 { clock = String(clock.prefix(5)) }   // seconds are ignored
        guard let minute = Self.minuteOfDay(clock) else { return nil }
        return instant(date: CivilDate(year: y, month: mo, day: da), minuteOfDay: minute)
    }
}
