/// Typical levels per entity (a station measure or a link), day category and 15-minute band:
/// the median over the index's service days of that category, in people.
///
/// Cells: `people` is NaN when no day covers the band, ``suppressedValue`` when the median falls
/// on a cell withheld by disclosure control (its value is unknown, so the typical level is too).
package struct TypicalTable: Sendable {
    package static let bands = 96
    package static let categories = TypicalDay.allCases.count
    package static let suppressedValue: Double = -1

    package let entities: Int
    package let people: [Double]
    package let devices: [Double]
    package let days: [UInt16]
    /// Per entity: the highest typical level in people over every category and band (0 if none).
    package let baseline: [Double]

    package static func slot(entity: Int, category: Int, band: Int) -> Int { (entity &* categories &+ category) &* bands &+ band }

    /// Builds the table from per-bin cells.
    ///
    /// - Parameters:
    ///   - cells: `[entity][bin]`, the published value of an entity in a bin: ≥ 0, `-1`
    ///     suppressed, `-2` no data.
    ///   - factors: `[day][factorStride]`: people per device of entity `e` on day `d` is
    ///     `factors[d * factorStride + e % factorStride]`.
    package init(entities: Int, timeline: BinTimeline, cells: [Float], factors: [Double], factorStride: Int) {
        let binMinutes = Int(timeline.binMillis / 60_000)
        let dayCount = timeline.days.count
        let bins = timeline.count
        let slots = entities * Self.categories * Self.bands
        var people = [Double](repeating: .nan, count: slots)
        var devices = [Double](repeating: .nan, count: slots)
        var daysBehind = [UInt16](repeating: 0, count: slots)
        var baseline = [Double](repeating: 0, count: entities)
        var sumPeople = [Double](repeating: 0, count: dayCount * Self.bands)
        var sumDevices = [Double](repeating: 0, count: dayCount * Self.bands)
        var n = [UInt16](repeating: 0, count: dayCount * Self.bands)
        var suppressed = [Bool](repeating: false, count: dayCount * Self.bands)
        var bucketPeople = [Double](repeating: 0, count: dayCount), bucketDevices = [Double](repeating: 0, count: dayCount)
        let daysOf: [[Int]] = (0..<Self.categories).map { c in
            timeline.days.indices.filter { timeline.days[$0].category.rawValue == c }
        }
        let categoriesWithDays = (0..<Self.categories).filter { !daysOf[$0].isEmpty }
        let coveredBins = (0..<bins).filter { timeline.covered[$0] }
        for e in 0..<entities {
            var any = false
            for bin in coveredBins where cells[e &* bins &+ bin] != -2 { any = true; break }
            guard any else { continue }
            for i in 0..<n.count { sumPeople[i] = 0; sumDevices[i] = 0; n[i] = 0; suppressed[i] = false }
            let factorColumn = e % factorStride
            for bin in coveredBins {
                let v = cells[e &* bins &+ bin]
                if v == -2 { continue }
                let d = Int(timeline.dayOfBin[bin])
                let f = factors[d &* factorStride &+ factorColumn]
                // The bands whose start lies in the bin (20–60-minute bins cover one or more);
                // a bin shorter than a band counts for the band containing it.
                let m = Int(timeline.minuteOfBin[bin])
                var first = (m + 14) / 15, last = (m + binMinutes - 1) / 15
                if first > last { first = m / 15; last = first }
                for band in first...last {
                    let s = d &* Self.bands &+ band % Self.bands
                    if v < 0 { suppressed[s] = true } else { sumPeople[s] += Double(v) * f; sumDevices[s] += Double(v) }
                    n[s] &+= 1
                }
            }
            var best: Double = 0
            for c in categoriesWithDays {
                for b in 0..<Self.bands {
                    var count = 0
                    for d in daysOf[c] {
                        let s = d &* Self.bands &+ b
                        guard n[s] > 0 else { continue }
                        if suppressed[s] {
                            bucketPeople[count] = Self.suppressedValue; bucketDevices[count] = Self.suppressedValue
                        } else {
                            bucketPeople[count] = sumPeople[s] / Double(n[s]); bucketDevices[count] = sumDevices[s] / Double(n[s])
                        }
                        count += 1
                    }
                    guard count > 0 else { continue }
                    let slot = Self.slot(entity: e, category: c, band: b)
                    let p = Self.median(&bucketPeople, count: count), dv = Self.median(&bucketDevices, count: count)
                    people[slot] = p
                    devices[slot] = dv
                    daysBehind[slot] = UInt16(count)
                    if p > best { best = p }
                }
            }
            baseline[e] = best
        }
        self.entities = entities
        self.people = people
        self.devices = devices
        self.days = daysBehind
        self.baseline = baseline
    }

    /// The median, with suppressed values ranked just above zero and below every published
    /// non-zero value (they are unknown but positive); ``suppressedValue`` when the median
    /// involves one. Two middle values are averaged.
    /// The median of `values[0..<count]` (reordered in place, insertion sort: counts are days).
    package static func median(_ values: inout [Double], count: Int) -> Double {
        func key(_ v: Double) -> Double { v == suppressedValue ? Double.leastNonzeroMagnitude : v }
        if count > 1 {
            for i in 1..<count {
                let x = values[i]
                var j = i - 1
                while j >= 0 && key(values[j]) > key(x) { values[j + 1] = values[j]; j -= 1 }
                values[j + 1] = x
            }
        }
        let m = count / 2
        if count % 2 == 1 { return values[m] }
        let a = values[m - 1], b = values[m]
        if a == suppressedValue || b == suppressedValue { return suppressedValue }
        return (a + b) / 2
    }
}
