import Foundation
import Synchronization
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO

/// Internal device keys are keyed (hardening, item 10): without the run's secret a key cannot
/// be computed from a token, and the aggregates do not depend on the secret.
@Suite struct DeviceKeyingTests {
    @Test func keyedKeysCannotBeRecomputedFromTokens() {
        let token = "abcdef0123456789"
        let a = DeviceKeying.random(), b = DeviceKeying.random()
        #expect(a.key(token: token) != DeviceKey(token: token))
        #expect(a.key(token: token) != b.key(token: token))
        #expect(a.key(token: token) == a.key(token: token))
        let secret = DeviceKeying(hexSecret: "000102030405060708090a0b0c0d0e0f")
        #expect(secret != nil)
        #expect(secret?.key(token: token) == DeviceKeying(hexSecret: "000102030405060708090a0b0c0d0e0f")?.key(token: token))
        #expect(DeviceKeying(hexSecret: "xyz") == nil)
        #expect(DeviceKeying.unkeyed.key(token: token) == DeviceKey(token: token))
    }

    @Test func theBatchEngineKeysDevicesPerRunAndTheResultsDoNotDependOnIt() throws {
        let dir = BatchFixtures.tempDirectory("keying")
        let lines = BatchFixtures.syntheticLines(devices: 40, seed: 4)
        let logs = try BatchFixtures.writeSplit(lines, into: dir, files: 2, seed: 4)
        let tokens = Set(lines.map { String($0.split(separator: ",")[1]) })
        let unkeyed = Set(tokens.map { DeviceKey(token: $0) })
        let seen = Mutex<Set<DeviceKey>>([])
        let keyed = try BatchFixtures.job(logs).run(observer: { key, _ in seen.withLock { _ = $0.insert(key) } })
        #expect(seen.withLock { $0.count } == tokens.count)
        #expect(seen.withLock { $0.isDisjoint(with: unkeyed) })
        #expect(keyed.snapshot.quality.parameters["device_keying"] == "keyed")
        let plain = try BatchFixtures.job(logs) { $0.deviceKeying = .unkeyed }.run()
        #expect(keyed.snapshot.stationBins == plain.snapshot.stationBins)
        #expect(keyed.snapshot.linkLoads == plain.snapshot.linkLoads)
        #expect(keyed.snapshot.routeSplits == plain.snapshot.routeSplits)
    }
}
