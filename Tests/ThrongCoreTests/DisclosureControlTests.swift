import Testing
@testable import ThrongCore

@Suite("Disclosure control")
struct DisclosureControlTests {
    let control = DisclosureControl(threshold: 10)

    @Test func smallNonZeroCellsAreSuppressedZerosAreNot() {
        let hidden = control.suppressed(values: [0, 3, 10, 25], groups: [])
        #expect(hidden == [false, true, false, false])
    }

    @Test func aLoneSuppressedCellInAGroupDragsTheSmallestOtherCellWithIt() {
        // Group total is learnable elsewhere: 4 alone would be total - 30 - 12 - 50.
        let values: [Int64] = [4, 30, 12, 50]
        let hidden = control.suppressed(values: values, groups: [[0, 1, 2, 3]])
        #expect(hidden == [true, false, true, false])
        let suppressedMass = zip(values, hidden).filter(\.1).map(\.0).reduce(0, +)
        #expect(suppressedMass >= 10)
    }

    @Test func suppressionGrowsUntilTheHiddenMassReachesTheThreshold() {
        let values: [Int64] = [1, 2, 3, 40, 50]
        let hidden = control.suppressed(values: values, groups: [[0, 1, 2, 3, 4]])
        // 1+2+3 = 6 < 10, so the smallest published cell (40) is hidden too.
        #expect(hidden == [true, true, true, true, false])
    }

    @Test func overlappingGroupsAreAllProtected() {
        // A 2×2 table with row and column groups; one small cell.
        let values: [Int64] = [5, 20, 30, 40]
        let rows = [[0, 1], [2, 3]]
        let cols = [[0, 2], [1, 3]]
        let hidden = control.suppressed(values: values, groups: rows + cols)
        for group in rows + cols {
            let mass = group.filter { hidden[$0] }.map { values[$0] }.reduce(0, +)
            #expect(mass == 0 || mass >= 10, "group \(group) leaks mass \(mass)")
        }
        #expect(hidden[0])
    }

    @Test func aGroupWhoseCellsAreAllSmallIsEntirelySuppressed() {
        let hidden = control.suppressed(values: [1, 1, 1], groups: [[0, 1, 2]])
        #expect(hidden == [true, true, true])
    }
}

@Suite("Duration histogram")
struct DurationHistogramTests {
    @Test func nearestRankPercentiles() {
        var h = DurationHistogram()
        for s in 1...10 { h.add(milliseconds: Int64(s) * 1000 + 999) }
        #expect(h.count == 10)
        #expect(h.percentile(0.5) == 5)
        #expect(h.percentile(0.9) == 9)
        #expect(h.percentile(1.0) == 10)
    }

    @Test func mergingIsOrderIndependent() {
        var a = DurationHistogram(), b = DurationHistogram()
        for s in [3, 1, 4, 1, 5] { a.add(milliseconds: Int64(s) * 1000) }
        for s in [9, 2, 6] { b.add(milliseconds: Int64(s) * 1000) }
        var ab = a; ab.merge(b)
        var ba = b; ba.merge(a)
        #expect(ab == ba)
        #expect(ab.count == 8)
        #expect(ab.percentile(0.5) == 3)
    }

    @Test func emptyHasNoPercentile() {
        #expect(DurationHistogram().percentile(0.5) == nil)
    }

    /// Durations past the flat array (one hour) count in the sparse part; percentiles,
    /// `counts` and equality see one distribution whichever part holds an observation.
    @Test func longDurationsAndStorageDoNotChangeTheResult() {
        var short = DurationHistogram(), long = DurationHistogram()
        for s in [5, 5, 3599] { short.add(milliseconds: Int64(s) * 1000) }
        for s in [3600, 7200, 7200, 100_000] { long.add(milliseconds: Int64(s) * 1000 + 500) }
        var all = short; all.merge(long)
        #expect(all.count == 7)
        #expect(all.counts == [5: 2, 3599: 1, 3600: 1, 7200: 2, 100_000: 1])
        #expect(all.percentile(0.5) == 3600)
        #expect(all.percentile(0.8) == 7200)
        #expect(all.percentile(1.0) == 100_000)
        // Same observations, added in another order (the flat array grows differently).
        var other = DurationHistogram()
        for s in [100_000, 7200, 3599, 5, 3600, 7200, 5] { other.add(milliseconds: Int64(s) * 1000) }
        #expect(other == all)
        #expect(other.hashValue == all.hashValue)
        // Growth order changes the flat array's length (1 s then 100 s: 128 slots; 100 s
        // first: 101), not the histogram.
        var up = DurationHistogram(), down = DurationHistogram()
        up.add(milliseconds: 1000); up.add(milliseconds: 100_000)
        down.add(milliseconds: 100_000); down.add(milliseconds: 1000)
        #expect(up == down)
        #expect(up.hashValue == down.hashValue)
        down.add(milliseconds: 1000)
        #expect(up != down)
        #expect(DurationHistogram().counts.isEmpty)
    }
}

/// Inferred cells are disclosure-controlled by the number of distinct journeys on them, not by
/// their expected count (route model issue, item 4).
@Suite struct InferredDisclosureTests {
    static let network = TestNetworks.parallel()

    /// 144 journeys on route A, each with 0.006 of its probability on route B.
    static func accumulator() -> CrowdingAccumulator {
        var acc = CrowdingAccumulator(binMillis: 900_000)
        let a = Route(legs: [.ride(line: LineID(0), links: [LinkID(0)], stations: [StationID(0), StationID(1)])])
        let b = Route(legs: [.ride(line: LineID(0), links: [LinkID(0), LinkID(1)], stations: [StationID(0), StationID(1), StationID(2)])])
        for j in 0..<144 {
            acc.beginJourney()
            acc.addRoute(dayStart: 0, route: a, weight: FixedCount(0.994))
            acc.addRoute(dayStart: 0, route: b, weight: FixedCount(0.006))
            // Both candidates ride link 0 in the same bin: the journey counts once there.
            acc.addLinkTraversal(link: LinkID(0), at: Int64(j), weight: FixedCount(0.994))
            acc.addLinkTraversal(link: LinkID(0), at: Int64(j), weight: FixedCount(0.006))
            acc.endJourney()
        }
        return acc
    }

    @Test func distinctJourneysAreCountedOncePerCell() {
        let acc = Self.accumulator()
        let link = acc.linkLoadCells
        #expect(link.count == 1 && link[0].load.journeys == 144 && link[0].load.weight == FixedCount(count: 144))
        #expect(acc.routeSplitTotals.values.map(\.journeys).sorted() == [144, 144])
    }

    @Test func fractionalRoutesArePublishedAtKOneAndProtectedAtTen() {
        let acc = Self.accumulator()
        func publish(_ k: Int) -> CrowdingSnapshot {
            acc.publish(.init(threshold: k, calendar: ServiceCalendar(), network: Self.network, eventsPerStationHour: [],
                              expansion: ExpansionFactors(), quality: QualitySummary()))
        }
        // k = 1 and k = 10: route B has 144 distinct journeys behind it, so it is published.
        for k in [1, 10] {
            let s = publish(k)
            #expect(s.routeSplits.allSatisfy { $0.journeys != nil }, "k = \(k)")
            #expect(s.routeSplits.map { $0.journeys!.micros }.sorted() == [144 * 6_000, 144 * 994_000])
        }
        // k = 200: both cells (144 journeys each) are withheld; the OD total minus published
        // routes reveals the sum of two withheld cells, never one.
        let s = publish(200)
        #expect(s.routeSplits.allSatisfy { $0.journeys == nil })
    }
}
