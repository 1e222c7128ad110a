import Foundation
import Testing
@testable import ThrongBatch
@testable import ThrongCore

/// The attack of the hardening issue: diff a release with one device against one without it
/// and name the device's origin and destination. It must succeed against an exact release
/// (so the test can fail) and stay near the stated bound against a private one.
@Suite struct DifferencingAttackTests {
    /// The attacker's guess: the station whose most-increased cell (in noise units) is largest.
    static func guess(_ with: CrowdingSnapshot, _ without: CrowdingSnapshot, _ column: (StationBinRow) -> Int?, sigma: Double) -> StationID? {
        var before: [Int64: Int] = [:]
        for r in without.stationBins { before[Int64(r.station.rawValue) << 48 | r.binStart] = column(r) ?? 0 }
        var best: (StationID, Double)?
        for r in with.stationBins {
            let d = Double((column(r) ?? 0) - (before[Int64(r.station.rawValue) << 48 | r.binStart] ?? 0)) / sigma
            if best == nil || d > best!.1 { best = (r.station, d) }
        }
        return best?.0
    }

    struct Outcome { var origins = 0; var destinations = 0; var trials = 0 }

    static func attack(release: ReleaseMode, trials: Int) throws -> Outcome {
        let network = BatchFixtures.london
        let dir = BatchFixtures.tempDirectory("attack-\(release.budget == nil ? "exact" : "private")")
        let base = try BatchFixtures.writeSplit(BatchFixtures.syntheticLines(devices: 800, seed: 11), into: dir, files: 1, seed: 11)
        let configure: (inout BatchConfiguration) -> Void = { $0.release = release }
        let without = try BatchFixtures.job(base, configure: configure).run()
        let budget = release.budget
        var outcome = Outcome()
        var seed: UInt64 = 5000
        while outcome.trials < trials {
            seed += 1
            let target = BatchFixtures.syntheticLines(devices: 1, seed: seed)
            guard let first = target.first, let last = target.last else { continue }
            func station(_ line: String) -> StationID {
                network.accessPoints[network.accessPointByID[String(line.split(separator: ",")[2])]!.index].station
            }
            let (origin, destination) = (station(first), station(last))
            guard origin != destination else { continue }
            let targetPath = dir + "/target.csv"
            try (["timestamp,device,ap"] + target).joined(separator: "\n").appending("\n").write(toFile: targetPath, atomically: true, encoding: .utf8)
            let with = try BatchFixtures.job(base + [targetPath], configure: configure).run()
            let releaseWith = with.snapshot
            let releaseWithout = try #require(without.republish())
            outcome.trials += 1
            if guess(releaseWith, releaseWithout, \.entries, sigma: budget?.sigma(.entries) ?? 1) == origin { outcome.origins += 1 }
            if guess(releaseWith, releaseWithout, \.exits, sigma: budget?.sigma(.exits) ?? 1) == destination { outcome.destinations += 1 }
        }
        return outcome
    }

    @Test func diffingExactReleasesRevealsTheDevice() throws {
        let o = try Self.attack(release: .exact, trials: 10)
        #expect(o.origins == o.trials)
        #expect(o.destinations == o.trials)
    }

    @Test func diffingPrivateReleasesStaysNearTheBound() throws {
        let trials = 24
        let o = try Self.attack(release: .default, trials: trials)
        let stations = BatchFixtures.london.stations.indices.filter { !BatchFixtures.london.accessPointsOfStation[$0].isEmpty }.count
        let bound = PrivacyBudget.default.guessBound(choices: stations)
        // The bound holds in expectation; allow binomial slack (P(X ≥ 9) < 0.3% at p = bound, n = 24).
        let allowed = 8
        #expect(o.origins <= allowed, "origin named in \(o.origins)/\(trials) trials; bound \(bound)")
        #expect(o.destinations <= allowed, "destination named in \(o.destinations)/\(trials) trials; bound \(bound)")
        print("differencing attack on private releases: origin \(o.origins)/\(trials), destination \(o.destinations)/\(trials), bound \(bound)")
    }
}
