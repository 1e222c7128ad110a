/// How local time relates to UTC, for day types, service days and time bands.
///
/// Only what a metro needs: a fixed offset, or the United Kingdom's rule (GMT, and BST
/// from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October,
/// as in force since 1996).
public enum TimeZoneRule: Hashable, Sendable, CustomStringConvertible {
    /// A fixed offset from UTC in minutes (east positive).
    case fixed(minutes: Int)
    /// Europe/London: GMT in winter, BST (UTC+1) in summer.
    case europeLondon

    /// UTC.
    public static let utc = TimeZoneRule.fixed(minutes: 0)

    /// Parses `Europe/London`, `UTC`, `Z`, or an offset `+01:00` / `-0530`.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "europe/london", "london", "uk": self = .europeLondon
        case "utc", "z", "gmt": self = .utc
        default:
            let chars = Array(text.utf8)
            guard chars.count >= 3, chars[0] == UInt8(ascii: "+") || chars[0] == UInt8(ascii: "-") else { return nil }
            let digits = chars.dropFirst().filter { $0 != UInt8(ascii: ":") }
            guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            let d = digits.map { Int($0) - 48 }
            let hours = d[0] * 10 + d[1]
            let minutes = d.count == 4 ? d[2] * 10 + d[3] : 0
            guard hours <= 14, minutes < 60 else { return nil }
            self = .fixed(minutes: (chars[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes))
        }
    }

    /// `Europe/London` or `+hh:mm`.
    public var description: String {
        switch self {
        case .europeLondon: return "Europe/London"
        case .fixed(let m):
            let a = abs(m)
            let hh = a / 60 < 10 ? "0\(a / 60)" : "\(a / 60)"
            let mm = a % 60 < 10 ? "0\(a % 60)" : "\(a % 60)"
            return "\(m < 0 ? "-" : "+")\(hh):\(mm)"
        }
    }

    /// The offset from UTC, in milliseconds, at a UTC instant.
    public func offsetMillis(at utc: Int64) -> Int64 {
        switch self {
        case .fixed(let m): return Int64(m) * 60_000
        case .europeLondon:
            let year = CivilDate(daysSinceEpoch: Int(utc.floorDiv(86_400_000))).year
            let start = Self.lastSundayOneAM(year: year, month: 3)
            let end = Self.lastSundayOneAM(year: year, month: 10)
            return utc >= start && utc < end ? 3_600_000 : 0
        }
    }

    /// 01:00 UTC on the last Sunday of a month, Unix epoch milliseconds.
    static func lastSundayOneAM(year: Int, month: Int) -> Int64 {
        let lastDay = CivilDate(year: year, month: month + 1, day: 1).daysSinceEpoch - 1
        // 1970-01-01 was a Thursday; weekday 0 = Sunday.
        let weekday = ((lastDay + 4) % 7 + 7) % 7
        return Int64(lastDay - weekday) * 86_400_000 + 3_600_000
    }

    /// Local time (milliseconds since the Unix epoch, shifted by the offset) of a UTC instant.
    @inlinable public func local(_ utc: Int64) -> Int64 { utc + offsetMillis(at: utc) }
}

extension Int64 {
    /// Division rounding towards negative infinity (`-1.floorDiv(60_000) == -1`), for
    /// bucketing instants before 1970 or with negative offsets.
    @inlinable public func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
