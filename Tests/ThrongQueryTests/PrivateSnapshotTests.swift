import Foundation
import Testing
import ThrongCore
import ThrongQuery
import ThrongStore

/// A private release read back: no line accounting, the noise table, and people intervals
/// that include the release's noise.
@Suite struct PrivateSnapshotTests {
    @Test func privateSnapshotCarriesItsNoiseAndWidensIntervals() throws {
        var exact = SyntheticSnapshot.snapshot()
        exact.quality.linesRead = 1234
        exact.quality.accepted = 1234
        exact.quality.inputs = [InputFileRecord(path: "a.csv", bytes: 99, hash: "ab", lines: 1234, accepted: 1234, rejected: 0, problem: nil)]
        var noisy = exact
        noisy.privacy = PrivacyRelease(budget: .default)
        let dir = NSTemporaryDirectory() + "throng-query-\(getpid())-private"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try exact.writeSQLite(to: dir + "/exact.sqlite", network: SyntheticSnapshot.network)
        try noisy.writeSQLite(to: dir + "/private.sqlite", network: SyntheticSnapshot.network)

        let reader = try CrowdingSnapshotSchema.openReader(path: dir + "/private.sqlite")
        var quality = 0, noise: [String: Double] = [:], inputs: [[Bool]] = []
        try reader.forEachRow("SELECT count(*) FROM quality") { quality = Int($0.int64(at: 0)) }
        try reader.forEachRow("SELECT measure, sigma FROM privacy_noise") { noise[$0.string(at: 0)!] = $0.double(at: 1) }
        try reader.forEachRow("SELECT path, bytes, hash, lines FROM input_files") { r in inputs.append((0..<4).map { r.isNull(at: $0) }) }
        #expect(quality == 0)
        #expect(inputs == [[false, true, true, true]])
        #expect(noise.count == PublishedMeasure.allCases.count)
        #expect(abs((noise["occupancy"] ?? 0) - PrivacyBudget.default.sigma(.occupancy)) < 1e-9)

        let a = try CrowdingIndex(snapshotPath: dir + "/exact.sqlite")
        let b = try CrowdingIndex(snapshotPath: dir + "/private.sqlite")
        #expect(!a.isDifferentiallyPrivate && b.isDifferentiallyPrivate)
        let t = SyntheticSnapshot.instant(CivilDate(year: 2016, month: 8, day: 17), minute: 9 * 60)
        let pa = try #require(try a.crowding(at: SyntheticSnapshot.oxfordCircus, time: t, basis: .observed).reading.people)
        let pb = try #require(try b.crowding(at: SyntheticSnapshot.oxfordCircus, time: t, basis: .observed).reading.people)
        #expect(pa.people == pb.people)
        // The noise (σ ≈ 9.3 devices) combines with the sampling half-width, in devices, then × the factor.
        let spread = 1.959964 * PrivacyBudget.default.sigma(.occupancy) * pa.factor
        let upper = ((pa.upper95 - pa.people) * (pa.upper95 - pa.people) + spread * spread).squareRoot()
        let lower = ((pa.people - pa.lower95) * (pa.people - pa.lower95) + spread * spread).squareRoot()
        #expect(abs((pb.upper95 - pb.people) - upper) < 0.5)
        #expect(abs((pb.people - pb.lower95) - lower) < 0.5)
        #expect(pb.upper95 - pb.people > pa.upper95 - pa.people + 10)
    }
}
