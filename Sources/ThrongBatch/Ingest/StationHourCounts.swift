import ThrongCore

/// Events per (clock hour, station) of one input file, counted without hashing per event:
/// a row of per-station counters per hour, and the row of the previous event's hour kept
/// at hand (a file's events are mostly in one or two hours). ``dictionary`` gives the same
/// counts as incrementing `[StationHourKey: Int]` once per event. Beyond `maxRows` distinct
/// hours (inputs with wild timestamps) it falls back to such a dictionary, so memory stays
/// bounded by `maxRows × stations` counters plus one entry per extra (hour, station).
struct StationHourCounts {
    static let maxRows = 1024
    private let stations: Int
    /// Row index in `table` of each hour seen.
    private var rows: [Int64: Int] = [:]
    /// `rows.count × stations` counters.
    private var table: [Int] = []
    private var hourStart = Int64.max
    private var hourEnd = Int64.min
    /// The current hour's row, or -1 when the hour is counted in `overflow`.
    private var row = 0
    private var hour: Int64 = 0
    private var overflow: [StationHourKey: Int] = [:]

    /// Counters for stations `0..<stations`.
    init(stations: Int) {
        self.stations = stations
    }

    /// Counts one event of `station` at `time` (epoch ms).
    @inline(__always)
    mutating func add(time: Int64, station: StationID) {
        if time < hourStart || time >= hourEnd { selectHour(of: time) }
        if row >= 0 {
            table[row &* stations &+ station.index] &+= 1
        } else {
            overflow[StationHourKey(hour: hour, station: station), default: 0] += 1
        }
    }

    private mutating func selectHour(of time: Int64) {
        hour = time.floorDiv(3_600_000)
        hourStart = hour &* 3_600_000
        hourEnd = hourStart &+ 3_600_000
        if let r = rows[hour] {
            row = r
        } else if rows.count >= Self.maxRows {
            row = -1
        } else {
            row = rows.count
            rows[hour] = row
            table.append(contentsOf: repeatElement(0, count: stations))
        }
    }

    /// The non-zero counts.
    var dictionary: [StationHourKey: Int] {
        var result = overflow
        for (hour, r) in rows {
            for s in 0..<stations where table[r * stations + s] != 0 {
                result[StationHourKey(hour: hour, station: StationID(UInt16(s)))] = table[r * stations + s]
            }
        }
        return result
    }
}
