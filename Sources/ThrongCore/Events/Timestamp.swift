/// Event-log timestamps: epoch milliseconds or ISO-8601 with a UTC offset, parsed from
/// bytes without allocating, and civil-date arithmetic (proleptic Gregorian calendar).
public enum Timestamp {
    /// The result of parsing a timestamp field.
    public enum Parsed: Hashable, Sendable {
        /// Unix epoch milliseconds (UTC).
        case millis(Int64)
        /// Why the field is not a timestamp (``RejectReason/badTimestamp`` or
        /// ``RejectReason/timestampOutOfRange``).
        case rejected(RejectReason)
    }

    /// The earliest accepted instant: 1970-01-01T00:00:00.000Z.
    public static let minMillis: Int64 = 0
    /// The latest accepted instant: 9999-12-31T23:59:59.999Z.
    public static let maxMillis: Int64 = 253_402_300_799_999

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    /// The date is not validated; see ``isValidDate(year:month:day:)``.
    @inlinable
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (`civil_from_days`).
    @inlinable
    public static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Whether `year` is a Gregorian leap year.
    @inlinable
    public static func isLeapYear(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Whether month 1…12 and day 1…(length of that month) form a real date.
    @inlinable
    public static func isValidDate(year: Int64, month: Int64, day: Int64) -> Bool {
        guard month >= 1 && month <= 12 && day >= 1 else { return false }
        let length: Int64
        switch month {
        case 2: length = isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: length = 30
        default: length = 31
        }
        return day <= length
    }

    /// Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func iso8601(millis: Int64) -> String {
        let dayMillis: Int64 = 86_400_000
        let days = millis >= 0 ? millis / dayMillis : (millis - dayMillis + 1) / dayMillis
        let rest = millis - days * dayMillis
        let (y, mo, d) = civilFromDays(days)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(rest / 3_600_000, 2)):\(pad(rest / 60_000 % 60, 2)):"
            + "\(pad(rest / 1000 % 60, 2)).\(pad(rest % 1000, 3))Z"
    }

    /// Parses a timestamp field.
    ///
    /// Accepted forms:
    /// - epoch milliseconds: 1–18 ASCII digits (a leading `-` parses but is out of range);
    /// - ISO-8601 / RFC 3339: `YYYY-MM-DDTHH:MM:SS[.f…](Z|±hh:mm|±hhmm)`; the fraction has
    ///   1 or more digits of which the first three are used (further digits are truncated,
    ///   not rounded). A time without offset is rejected: local time is ambiguous.
    ///
    /// The result must lie in ``minMillis``…``maxMillis``, otherwise
    /// ``RejectReason/timestampOutOfRange``.
    public static func parse(_ field: UnsafeRawBufferPointer) -> Parsed {
        let n = field.count
        guard n > 0 else { return .rejected(.badTimestamp) }
        // Epoch milliseconds.
        let first = field[0]
        if first &- 0x30 < 10 || first == UInt8(ascii: "-") {
            if n >= 5 && field[4] == UInt8(ascii: "-") && first != UInt8(ascii: "-") {
                return parseISO(field)
            }
            let negative = first == UInt8(ascii: "-")
            var i = negative ? 1 : 0
            guard i < n else { return .rejected(.badTimestamp) }
            var value: Int64 = 0
            while i < n {
                let d = field[i] &- 0x30
                guard d < 10 else { return .rejected(.badTimestamp) }
                if i < 18 + (negative ? 1 : 0) { value = value &* 10 &+ Int64(d) }
                i += 1
            }
            if negative || n - (negative ? 1 : 0) > 18 { return .rejected(.timestampOutOfRange) }
            return value <= maxMillis ? .millis(value) : .rejected(.timestampOutOfRange)
        }
        return .rejected(.badTimestamp)
    }

    @inline(__always)
    static func digits2(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int64 {
        let a = p[at] &- 0x30
        let b = p[at + 1] &- 0x30
        return a < 10 && b < 10 ? Int64(a) * 10 + Int64(b) : -1
    }

    static func parseISO(_ f: UnsafeRawBufferPointer) -> Parsed {
        // YYYY-MM-DDTHH:MM:SS = 19 bytes, then fraction and zone.
        let n = f.count
        guard n >= 20,
              f[7] == UInt8(ascii: "-"), f[10] == UInt8(ascii: "T"),
              f[13] == UInt8(ascii: ":"), f[16] == UInt8(ascii: ":")
        else { return .rejected(.badTimestamp) }
        let yHigh = digits2(f, 0), yLow = digits2(f, 2)
        let month = digits2(f, 5), day = digits2(f, 8)
        let hour = digits2(f, 11), minute = digits2(f, 14), second = digits2(f, 17)
        guard yHigh >= 0, yLow >= 0, month >= 0, day >= 0, hour >= 0, minute >= 0, second >= 0 else {
            return .rejected(.badTimestamp)
        }
        let year = yHigh * 100 + yLow
        guard isValidDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 60 else {
            return .rejected(.badTimestamp)
        }
        var i = 19
        var millis: Int64 = 0
        if f[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            var scale: Int64 = 100
            while i < n, f[i] &- 0x30 < 10 {
                millis += Int64(f[i] &- 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start, i < n else { return .rejected(.badTimestamp) }
        }
        var offsetMinutes: Int64 = 0
        let z = f[i]
        if z == UInt8(ascii: "Z") {
            guard i + 1 == n else { return .rejected(.badTimestamp) }
        } else if z == UInt8(ascii: "+") || z == UInt8(ascii: "-") {
            let rest = n - i - 1
            let oh: Int64, om: Int64
            if rest == 5 && f[i + 3] == UInt8(ascii: ":") {
                oh = digits2(f, i + 1); om = digits2(f, i + 4)
            } else if rest == 4 {
                oh = digits2(f, i + 1); om = digits2(f, i + 3)
            } else {
                return .rejected(.badTimestamp)
            }
            guard oh >= 0, om >= 0, oh < 24, om < 60 else { return .rejected(.badTimestamp) }
            offsetMinutes = (oh * 60 + om) * (z == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return .rejected(.badTimestamp)
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        let result = seconds * 1000 + millis
        guard result >= minMillis, result <= maxMillis else { return .rejected(.timestampOutOfRange) }
        return .millis(result)
    }
}
