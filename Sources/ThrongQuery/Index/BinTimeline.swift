package import ThrongCore

/// The bins an index covers, with each bin's service day and local quarter hour precomputed,
/// so a point lookup is arithmetic and array reads only.
package struct BinTimeline: Sendable {
    /// A service day overlapping the index.
    package struct Day: Hashable, Sendable {
        package var start: Int64
        package var date: CivilDate
        package var category: TypicalDay
    }

    package let firstBin: Int64
    package let binMillis: Int64
    package let count: Int
    /// Whether any station or link has a row in the bin: bins without one are not covered (no data), not zero.
    package let covered: [Bool]
    package let dayOfBin: [Int32]
    /// Local quarter hour (0…95) of each bin's start.
    package let bandOfBin: [UInt8]
    /// Local minute of day (0…1439) of each bin's start.
    package let minuteOfBin: [UInt16]
    package let days: [Day]

    package init(firstBin: Int64, binMillis: Int64, count: Int, covered: [Bool], calendar: ServiceCalendar) {
        self.firstBin = firstBin
        self.binMillis = binMillis
        self.count = count
        self.covered = covered
        var days: [Day] = []
        var dayOfBin = [Int32](repeating: 0, count: count)
        var bandOfBin = [UInt8](repeating: 0, count: count)
        var minuteOfBin = [UInt16](repeating: 0, count: count)
        for i in 0..<count {
            let t = firstBin + Int64(i) * binMillis
            let start = calendar.serviceDayStart(of: t)
            if days.last?.start != start {
                let date = calendar.serviceDate(of: t)
                days.append(Day(start: start, date: date, category: TypicalDay(serviceDate: date)))
            }
            dayOfBin[i] = Int32(days.count - 1)
            let minute = calendar.localMinuteOfDay(t)
            bandOfBin[i] = UInt8(minute / 15)
            minuteOfBin[i] = UInt16(minute)
        }
        self.dayOfBin = dayOfBin
        self.bandOfBin = bandOfBin
        self.minuteOfBin = minuteOfBin
        self.days = days
    }

    /// The bin holding instant `t`, or nil outside the timeline.
    package func bin(at t: Int64) -> Int? {
        guard count > 0, t >= firstBin else { return nil }
        let i = (t - firstBin) / binMillis
        return i < Int64(count) ? Int(i) : nil
    }

    /// Start of bin `i`.
    package func start(ofBin i: Int) -> Int64 { firstBin + Int64(i) * binMillis }

    /// The index of the service day starting at `start`, if the timeline has it.
    package func day(startingAt start: Int64) -> Int? {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid].start < start { lo = mid + 1 } else { hi = mid }
        }
        return lo < days.count && days[lo].start == start ? lo : nil
    }
}
