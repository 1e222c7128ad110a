import Testing
@testable import ThrongCore

/// The presence rule of docs/aggregation.md at the accumulator: each (bin, station, area) a
/// device was present in counts once, and occupancy once per (bin, station), whatever order
/// and how many times the marks came.
@Suite("Presence marks")
struct PresenceMarkTests {
    let bin: Int64 = 900_000
    let t0: Int64 = 1_700_000_100_000 / 900_000 * 900_000

    private func counts(_ acc: CrowdingAccumulator) -> [Int64: [Int: (occupancy: Int, platform: Int, concourse: Int)]] {
        var result: [Int64: [Int: (occupancy: Int, platform: Int, concourse: Int)]] = [:]
        for cell in acc.stationBinCells {
            result[cell.key.binStart, default: [:]][cell.key.station.index] =
                (cell.counts.occupancy, cell.counts.platformOccupancy, cell.counts.concourseOccupancy)
        }
        return result
    }

    @Test func repeatsAndBothAreasCountOnce() {
        var acc = CrowdingAccumulator(binMillis: bin)
        // Concourse then platform at station 3 in one bin, marked out of order and twice;
        // a concourse-only bin after; station 1 on the platform across two bins.
        acc.markPresence(station: StationID(3), onPlatform: false, from: t0 + 10_000, to: t0 + 20_000)
        acc.markPresence(station: StationID(1), onPlatform: true, from: t0 + 800_000, to: t0 + 1_000_000)
        acc.markPresence(station: StationID(3), onPlatform: true, from: t0 + 30_000, to: t0 + 40_000)
        acc.markPresence(station: StationID(3), onPlatform: false, from: t0 + 50_000, to: t0 + bin + 5_000)
        acc.markPresence(station: StationID(3), onPlatform: true, from: t0 + 35_000, to: t0 + 35_000)
        acc.endDevice()
        let c = counts(acc)
        #expect(c[t0]?[3]?.occupancy == 1)
        #expect(c[t0]?[3]?.platform == 1)
        #expect(c[t0]?[3]?.concourse == 1)
        #expect(c[t0 + bin]?[3]?.occupancy == 1)
        #expect(c[t0 + bin]?[3]?.platform == 0)
        #expect(c[t0 + bin]?[3]?.concourse == 1)
        #expect(c[t0]?[1]?.occupancy == 1)
        #expect(c[t0 + bin]?[1]?.occupancy == 1)
        #expect(c[t0 + bin]?[1]?.concourse == 0)
        // A second device adds to the same cells; the first one's marks are gone.
        acc.markPresence(station: StationID(3), onPlatform: false, from: t0, to: t0)
        acc.endDevice()
        let d = counts(acc)
        #expect(d[t0]?[3]?.occupancy == 2)
        #expect(d[t0]?[3]?.concourse == 2)
        #expect(d[t0]?[3]?.platform == 1)
        #expect(d[t0 + bin]?[3]?.occupancy == 1)
        #expect(d[t0 + bin]?[1]?.occupancy == 1)
    }

    @Test func markOrderDoesNotMatter() {
        let marks: [(station: UInt16, platform: Bool, from: Int64, to: Int64)] = [
            (2, false, 0, 2_000_000), (2, true, 1_000_000, 1_000_000), (0, true, 100, 5_000),
            (2, false, 1_900_000, 2_800_000), (0, false, 0, 0), (7, true, 3_000_000, 3_000_001),
        ]
        var reference: [Int64: [Int: (occupancy: Int, platform: Int, concourse: Int)]]?
        var order = Array(marks.indices)
        for _ in 0..<6 {
            var acc = CrowdingAccumulator(binMillis: bin)
            for i in order {
                let m = marks[i]
                acc.markPresence(station: StationID(m.station), onPlatform: m.platform, from: t0 + m.from, to: t0 + m.to)
            }
            acc.endDevice()
            let c = counts(acc)
            if let reference {
                #expect(c.keys.sorted() == reference.keys.sorted())
                for (b, row) in c {
                    for (s, v) in row {
                        let r = reference[b]?[s]
                        #expect(r?.occupancy == v.occupancy && r?.platform == v.platform && r?.concourse == v.concourse)
                    }
                }
            } else {
                reference = c
            }
            order = Array(order.dropFirst()) + [order[0]]
            order.swapAt(0, order.count / 2)
        }
        // Station 2: bins 0, 1 (platform too), 2, 3 (the second interval ends in bin 3).
        #expect(reference?[t0 + bin]?[2]?.occupancy == 1)
        #expect(reference?[t0 + bin]?[2]?.platform == 1)
        #expect(reference?[t0 + 3 * bin]?[2]?.concourse == 1)
    }
}
