import Foundation
import Testing
import ThrongBatch
import ThrongCore

/// Journeys with one end observed feed link loads only when the run covers every station
/// (docs/aggregation.md, "Flows"); OD and route splits always need both ends.
@Suite struct BatchCoverageTests {
    /// `devices` passengers King's Cross St Pancras → Victoria, seen at the entrance and ticket
    /// hall at King's Cross but only on the Victoria line platform at Victoria (exit pings missed).
    static func halfSeen(devices: Int) -> [String] {
        (0..<devices).flatMap { d -> [String] in
            let t = BatchFixtures.morning + Int64(d) * 97_000
            return ["\(t),half\(d),KSX-E1", "\(t + 40_000),half\(d),KSX-TH1", "\(t + 16 * 60_000),half\(d),VIC-P-VIC-SB"]
        }
    }

    /// One device per station seen once there, an hour earlier: every station has events.
    static func everyStation(_ network: Network) -> [String] {
        network.stations.indices.map { i in
            let ap = network.accessPoints.first { $0.station.index == i }!
            return "\(BatchFixtures.morning - 3_600_000 + Int64(i) * 1_000),station\(i),\(ap.id)"
        }
    }

    static func run(_ lines: [String], _ name: String) throws -> BatchResult {
        let dir = BatchFixtures.tempDirectory(name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try BatchFixtures.writeSplit(lines, into: dir, files: 1, seed: 5)
        return try BatchFixtures.job(paths).run()
    }

    @Test func oneEndJourneysCountInLinkLoadsOnlyWithCompleteCoverage() throws {
        let network = BatchFixtures.london
        let partial = try Self.run(Self.halfSeen(devices: 12), "coverage-partial")
        let complete = try Self.run(Self.halfSeen(devices: 12) + Self.everyStation(network), "coverage-complete")
        #expect(partial.report.quality.parameters["complete_coverage"] == "false")
        #expect(complete.report.quality.parameters["complete_coverage"] == "true")
        // Neither run publishes the journeys as OD (destination not observed) ...
        #expect(partial.snapshot.originDestination.isEmpty && complete.snapshot.originDestination.isEmpty)
        #expect(complete.snapshot.routeSplits.isEmpty)
        #expect(complete.report.quality.journeysBothEnds == 0)
        // ... but with every station covered their links are loaded, once per journey.
        #expect(partial.snapshot.linkLoads.allSatisfy { ($0.devices?.value ?? 0) == 0 })
        let kx = network.stations.firstIndex { $0.naptan == "940GZZLUKSX" }!
        let vic = network.stations.firstIndex { $0.naptan == "940GZZLUVIC" }!
        var fromKX = 0.0, intoVictoria = 0.0
        for row in complete.snapshot.linkLoads {
            let link = network.links[row.link.index]
            if link.from.index == kx { fromKX += row.devices?.value ?? 0 }
            if link.to.index == vic { intoVictoria += row.devices?.value ?? 0 }
        }
        // Expected counts are exact in millionths; rounding of posteriors may lose a few.
        #expect(abs(fromKX - 12) < 1e-3, "each journey leaves King's Cross once: \(fromKX)")
        #expect(abs(intoVictoria - 12) < 1e-3, "each journey reaches Victoria once: \(intoVictoria)")
    }
}
