/// The duration histograms of an accumulator, per service day, metric and station (or the
/// whole network), in flat arrays: adding a duration is two array lookups, not a hash of a
/// composite key.
///
/// Layout: one table per service day (days are few, found by a scan from the last one used);
/// in it one row per metric, indexed by station index + 1, slot 0 being the whole network.
/// Rows grow to the highest station added. ``keys`` lists the histograms with observations,
/// so which rows exist depends only on what was added.
struct DurationTables: Sendable {
    private var days: [Int64] = []
    /// Per day, per metric (``metricIndex``), per slot (0: network; station index + 1).
    private var tables: [[[DurationHistogram]]] = []
    private var lastDay: Int64 = .min
    private var lastTable = -1

    private static let metrics = DistributionRow.Metric.allCases

    init() {}

    @inline(__always) private static func metricIndex(_ metric: DistributionRow.Metric) -> Int {
        switch metric {
        case .dwell: 0
        case .interchange: 1
        case .journeyTime: 2
        }
    }

    @inline(__always) private mutating func table(_ dayStart: Int64) -> Int {
        if dayStart == lastDay { return lastTable }
        let t: Int
        if let found = days.lastIndex(of: dayStart) {
            t = found
        } else {
            t = days.count
            days.append(dayStart)
            tables.append(Array(repeating: [], count: Self.metrics.count))
        }
        lastDay = dayStart
        lastTable = t
        return t
    }

    @inline(__always) private mutating func update(_ t: Int, _ m: Int, slot: Int, _ body: (inout DurationHistogram) -> Void) {
        if tables[t][m].count <= slot {
            tables[t][m].append(contentsOf: repeatElement(DurationHistogram(), count: slot + 1 - tables[t][m].count))
        }
        body(&tables[t][m][slot])
    }

    /// One observation for `station` (if any) and for the whole network.
    @inline(__always) mutating func add(_ metric: DistributionRow.Metric, dayStart: Int64, station: StationID?, milliseconds: Int64) {
        let t = table(dayStart)
        let m = Self.metricIndex(metric)
        if let station { update(t, m, slot: station.index + 1) { $0.add(milliseconds: milliseconds) } }
        update(t, m, slot: 0) { $0.add(milliseconds: milliseconds) }
    }

    /// The histogram of one key, `nil` when it has no observations.
    func histogram(_ key: DistributionKey) -> DurationHistogram? {
        guard let t = days.lastIndex(of: key.dayStart) else { return nil }
        let row = tables[t][Self.metricIndex(key.metric)]
        let slot = key.station.map { $0.index + 1 } ?? 0
        guard slot < row.count, row[slot].count > 0 else { return nil }
        return row[slot]
    }

    /// Every key with observations, unordered.
    var keys: [DistributionKey] {
        var result: [DistributionKey] = []
        for (t, day) in days.enumerated() {
            for (m, metric) in Self.metrics.enumerated() {
                for (slot, h) in tables[t][m].enumerated() where h.count > 0 {
                    result.append(DistributionKey(dayStart: day, metric: metric, station: slot == 0 ? nil : StationID(UInt16(slot - 1))))
                }
            }
        }
        return result
    }

    /// The service days with a table.
    var dayStarts: [Int64] { days }

    /// Moves the tables of the days for which `leaves` is true out into a new value.
    mutating func removeDays(where leaves: (Int64) -> Bool) -> DurationTables {
        var removed = DurationTables()
        var kept = DurationTables()
        for (t, day) in days.enumerated() {
            if leaves(day) {
                removed.days.append(day)
                removed.tables.append(tables[t])
            } else {
                kept.days.append(day)
                kept.tables.append(tables[t])
            }
        }
        self = kept
        return removed
    }

    /// Adds every histogram of `other`.
    mutating func merge(_ other: DurationTables) {
        for (ot, day) in other.days.enumerated() {
            let t = table(day)
            for m in 0..<Self.metrics.count {
                for (slot, h) in other.tables[ot][m].enumerated() where h.count > 0 {
                    update(t, m, slot: slot) { $0.merge(h) }
                }
            }
        }
    }
}
