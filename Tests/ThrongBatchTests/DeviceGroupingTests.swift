import Testing
@testable import ThrongBatch
import ThrongCore

/// The partition sort groups every device's events together, whatever the sizes of the
/// partitions a worker meets in turn, and devices that share the top 32 bits of their key.
@Suite struct DeviceGroupingTests {
    @Test func everyDevicesEventsAreContiguousAndNoneIsLost() {
        var rng = SplitMix(seed: 21)
        var grouping = DeviceGrouping()
        // Large, then smaller partitions: the scratch buffer is longer than the input.
        for size in [50_000, 9_000, 100, 20_000] {
            var devices: [DeviceKey] = (0..<(size / 10)).map { _ in DeviceKey(high: rng.next(), low: rng.next()) }
            // Keys sharing their top 32 bits with another device's.
            for i in stride(from: 0, to: devices.count - 1, by: 7) {
                devices[i + 1] = DeviceKey(high: devices[i].high & 0xFFFF_FFFF_0000_0000 | (rng.next() & 0xFFFF_FFFF), low: rng.next())
            }
            var events = (0..<size).map { _ in
                Event(time: Int64(rng.next() % 1_000_000), device: devices[Int(rng.next() % UInt64(devices.count))], accessPoint: AccessPointID(UInt32(rng.next() % 50)))
            }
            let before = events.sorted(by: DeviceGrouping.fullOrder)
            grouping.group(&events)
            var seen = Set<DeviceKey>()
            var previous: DeviceKey?
            for e in events where e.device != previous {
                #expect(!seen.contains(e.device), "device split at size \(size)")
                seen.insert(e.device)
                previous = e.device
            }
            #expect(events.sorted(by: DeviceGrouping.fullOrder) == before)
        }
    }
}
