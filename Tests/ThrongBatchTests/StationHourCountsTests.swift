import Testing
@testable import ThrongBatch
import ThrongCore

@Suite("Station hour counts")
struct StationHourCountsTests {
    /// Naive reference: one dictionary increment per event.
    static func reference(_ events: [(Int64, StationID)]) -> [StationHourKey: Int] {
        var counts: [StationHourKey: Int] = [:]
        for (time, station) in events { counts[StationHourKey(hour: time.floorDiv(3_600_000), station: station), default: 0] += 1 }
        return counts
    }

    static func events(count: Int, hours: Int64, stations: UInt16, seed: UInt64) -> [(Int64, StationID)] {
        var rng = seed
        func next() -> UInt64 {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return rng >> 11
        }
        // Around a base time, with some negative instants to exercise flooring.
        return (0..<count).map { _ in
            (Int64(next() % UInt64(hours * 3_600_000)) - 3 * 3_600_000 - 1, StationID(UInt16(next() % UInt64(stations))))
        }
    }

    @Test func matchesOneIncrementPerEvent() {
        let events = Self.events(count: 50_000, hours: 30, stations: 12, seed: 3)
        var counts = StationHourCounts(stations: 12)
        for (t, s) in events { counts.add(time: t, station: s) }
        let got = counts.dictionary
        #expect(got == Self.reference(events))
        #expect(got.values.reduce(0, +) == events.count)
    }

    @Test func beyondMaxRowsFallsBackWithTheSameCounts() {
        let hours = Int64(StationHourCounts.maxRows) * 2
        let events = Self.events(count: 40_000, hours: hours, stations: 5, seed: 9)
        var counts = StationHourCounts(stations: 5)
        for (t, s) in events { counts.add(time: t, station: s) }
        let got = counts.dictionary
        #expect(Set(got.keys.map(\.hour)).count > StationHourCounts.maxRows)
        #expect(got == Self.reference(events))
    }

    @Test func hourBoundariesAreFloored() {
        var counts = StationHourCounts(stations: 2)
        for t: Int64 in [-1, 0, 3_599_999, 3_600_000, -3_600_000, -3_600_001] { counts.add(time: t, station: StationID(1)) }
        let got = counts.dictionary
        #expect(got[StationHourKey(hour: -1, station: StationID(1))] == 2)
        #expect(got[StationHourKey(hour: 0, station: StationID(1))] == 2)
        #expect(got[StationHourKey(hour: 1, station: StationID(1))] == 1)
        #expect(got[StationHourKey(hour: -2, station: StationID(1))] == 1)
        #expect(got.count == 4)
    }
}
