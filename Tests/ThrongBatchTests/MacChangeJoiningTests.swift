import Foundation
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO

/// Issue 9, item 5: a device that changes its MAC address in a change station's corridor.
@Suite struct MacChangeJoiningTests {
    /// `count` passengers King's Cross → Green Park (Victoria) → Waterloo (Jubilee), each seen as
    /// token `a<i>` up to Green Park's corridor and as token `b<i>` from there (`gap` later).
    static func halves(count: Int, gap: Int64 = 60_000, corridor: Bool = true) -> [String] {
        var lines: [String] = []
        for d in 0..<count {
            let t = BatchFixtures.morning + Int64(d) * 900_000
            let b = t + 720_000 + gap
            lines += [
                "\(t),a\(d),KSX-E1", "\(t + 40_000),a\(d),KSX-TH1", "\(t + 120_000),a\(d),KSX-P-VIC-SB",
                "\(t + 660_000),a\(d),GPK-P-VIC-SB", corridor ? "\(t + 720_000),a\(d),GPK-C1" : "\(t + 690_000),a\(d),GPK-P-VIC-SB",
                "\(b),b\(d),GPK-C2", "\(b + 120_000),b\(d),GPK-P-JUB-EB",
                "\(b + 480_000),b\(d),WLO-P-JUB-EB", "\(b + 540_000),b\(d),WLO-TH1", "\(b + 580_000),b\(d),WLO-E1",
            ]
        }
        return lines
    }

    static func run(_ lines: [String], name: String, configure: (inout BatchConfiguration) -> Void = { _ in }) throws -> BatchResult {
        let dir = BatchFixtures.tempDirectory(name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try BatchFixtures.writeSplit(lines, into: dir, files: 3, seed: 5)
        return try BatchFixtures.job(files, configure: configure).run()
    }

    static func od(_ r: BatchResult, _ from: String, _ to: String) -> Int {
        let n = r.network
        return r.snapshot.originDestination
            .filter { $0.origin == n.stationByNaptan[from]! && $0.destination == n.stationByNaptan[to]! }
            .reduce(0) { $0 + ($1.journeys ?? 0) }
    }

    @Test func halvesAcrossAMacChangeAreJoinedIntoOneJourney() throws {
        let joined = try Self.run(Self.halves(count: 6), name: "mac-joined")
        #expect(joined.snapshot.quality.macChangesJoined == 6)
        #expect(Self.od(joined, "940GZZLUKSX", "940GZZLUWLO") == 6)
        #expect(Self.od(joined, "940GZZLUKSX", "940GZZLUGPK") == 0)
        #expect(joined.snapshot.quality.journeys == 6)
        // The change is counted: Victoria → Jubilee at Green Park.
        let n = joined.network
        let flow = joined.snapshot.interchangeFlows
            .filter { $0.station == n.stationByNaptan["940GZZLUGPK"]! && $0.fromLine == n.lineByName["Victoria"]! && $0.toLine == n.lineByName["Jubilee"]! }
            .reduce(0.0) { $0 + ($1.devices?.value ?? 0) }
        #expect(abs(flow - 6) < 0.01)
        // Off: the first half publishes the change station as its destination, the second half
        // has no observed origin.
        let apart = try Self.run(Self.halves(count: 6), name: "mac-apart") { $0.reconstruction.macChangeWindowMillis = 0 }
        #expect(apart.snapshot.quality.macChangesJoined == 0)
        #expect(Self.od(apart, "940GZZLUKSX", "940GZZLUGPK") == 6)
        #expect(Self.od(apart, "940GZZLUKSX", "940GZZLUWLO") == 0)
        #expect(apart.snapshot.quality.journeys == 12)
    }

    @Test func aFirstHalfEndingOnThePlatformIsJoinedToo() throws {
        // The token changed before the corridor: the first half ends on the arrival platform
        // (no observed destination), the second starts in the corridor.
        let joined = try Self.run(Self.halves(count: 4, corridor: false), name: "mac-platform")
        #expect(joined.snapshot.quality.macChangesJoined == 4)
        #expect(Self.od(joined, "940GZZLUKSX", "940GZZLUWLO") == 4)
    }

    @Test func aStartOutsideTheWindowIsNotJoined() throws {
        // The second token appears 10 minutes after the first half ended: two journeys, and the
        // corridor end stays an exit.
        let far = try Self.run(Self.halves(count: 3, gap: 600_000), name: "mac-far")
        #expect(far.snapshot.quality.macChangesJoined == 0)
        #expect(Self.od(far, "940GZZLUKSX", "940GZZLUGPK") == 3)
    }

    @Test func joiningDoesNotDependOnWorkersOrFileSplit() throws {
        let lines = Self.halves(count: 8)
        let one = try Self.run(lines, name: "mac-w1") { $0.workers = 1 }
        let two = try Self.run(lines, name: "mac-w2") { $0.workers = 2 }
        #expect(one.snapshot.originDestination == two.snapshot.originDestination)
        #expect(one.snapshot.interchangeFlows == two.snapshot.interchangeFlows)
        #expect(one.snapshot.linkLoads == two.snapshot.linkLoads)
    }
}
