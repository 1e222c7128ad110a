import Foundation
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO

/// One device's events are bounded (hardening, item 5): a device over the per-device event
/// limit is noise — counted as accepted, left out of every aggregate, reported.
@Suite struct DeviceLimitTests {
    @Test func aFloodingDeviceIsBoundedAndLeftOut() throws {
        let dir = BatchFixtures.tempDirectory("flood")
        let normal = BatchFixtures.syntheticLines(devices: 60, seed: 9)
        let flood = (0..<120_000).map { "\(BatchFixtures.morning + Int64($0) * 50),flood0000000000,KSX-PL-VIC-SB-1" }
        let apIDs = Set(BatchFixtures.london.accessPoints.map(\.id))
        let ap = apIDs.contains("KSX-PL-VIC-SB-1") ? "KSX-PL-VIC-SB-1" : BatchFixtures.london.accessPoints[0].id
        let floodLines = flood.map { $0.replacingOccurrences(of: "KSX-PL-VIC-SB-1", with: ap) }
        let withFlood = try BatchFixtures.writeSplit(normal + floodLines, into: dir, files: 3, seed: 9)
        let cleanDir = BatchFixtures.tempDirectory("flood-clean")
        let clean = try BatchFixtures.writeSplit(normal, into: cleanDir, files: 3, seed: 9)

        let limit = 20_000
        let run = try BatchFixtures.job(withFlood) { $0.maxEventsPerDevice = limit }.run()
        let q = run.report.quality
        #expect(q.accepted == normal.count + flood.count)   // every line accounted for
        #expect(run.report.isBalanced)
        #expect(q.implausibleDevices == 1)
        #expect(q.implausibleDeviceEvents == flood.count)
        // Bounded: the flood put at most `limit` events per reader in the buffers.
        let eventBytes = MemoryLayout<Event>.stride
        #expect(run.report.peakBufferedBytes <= (normal.count + 2 * (limit + 16_384)) * eventBytes)
        // Left out of every aggregate: the tables equal those of the run without it.
        let reference = try BatchFixtures.job(clean) { $0.maxEventsPerDevice = limit }.run()
        #expect(run.snapshot.stationBins == reference.snapshot.stationBins)
        #expect(run.snapshot.linkLoads == reference.snapshot.linkLoads)
        #expect(run.snapshot.originDestination == reference.snapshot.originDestination)
        #expect(q.devices == reference.report.quality.devices)
        // Under the default limit the same device is kept (it is then a resident device).
        let kept = try BatchFixtures.job(withFlood).run()
        #expect(kept.report.quality.implausibleDevices == 0)
    }
}
