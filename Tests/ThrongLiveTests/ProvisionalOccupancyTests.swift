import Testing
@testable import ThrongCore
@testable import ThrongLive

/// A shard keeps its open sessions' provisional occupancy up to date cell by cell, and its
/// per-station joining frontier as a lower bound recomputed every few views: both must agree
/// with what a view computed from scratch gives, through adds out of order, partial and whole
/// closes and devices over the event limit.
@Suite("Live engine: provisional occupancy kept up to date")
struct ProvisionalOccupancyTests {
    @Test("kept-up-to-date occupancy equals a recount at every view; the frontier never passes the exact one")
    func incrementalEqualsScratch() throws {
        var configuration = LiveConfiguration(batch: LiveFixtures.configuration)
        configuration.batch.maxEventsPerDevice = 400   // a few devices go over it
        let core = LiveEngineCore(network: LiveFixtures.network, configuration: configuration)
        let resolver = AccessPointResolver(network: LiveFixtures.network, deviceKeying: .unkeyed)
        var events = try LiveFixtures.events(LiveFixtures.day.files, resolver: resolver)
        events.sort { $0.time < $1.time }
        var state = ShardState(engine: core)
        var rng = SplitMix(seed: 7)
        let chunk = max(1, events.count / 60)
        var views = 0, sawOpen = false, sawExact = false
        var start = 0
        while start < events.count {
            var batch = Array(events[start..<min(events.count, start + chunk)])
            start += chunk
            // Out of order within a batch, as sources interleave.
            for i in batch.indices.reversed() where i > 0 { batch.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            state.add(batch)
            let horizon = batch.map(\.time).min()! - 20 * 60_000
            // A small budget: some rounds stop part way through a pass.
            _ = state.close(before: horizon, budget: 200)
            let v = state.view(horizon: horizon)
            views += 1
            let kept = v.provisional.stationBins.cells.filter { !$0.value.isZero }
            let scratch = state.provisionalFromScratch().stationBins.cells
            #expect(kept.count == scratch.count, "view \(views)")
            #expect(zip(kept, scratch).allSatisfy { $0.bin == $1.bin && $0.entity == $1.entity && $0.value == $1.value }, "view \(views)")
            sawOpen = sawOpen || !scratch.isEmpty
            let exact = state.exactEarliestAtStation()
            #expect(zip(v.earliestAtStation, exact).allSatisfy { $0 <= $1 }, "view \(views): frontier past the earliest open event")
            if views % 10 == 0 {
                #expect(v.earliestAtStation == exact, "view \(views): recomputed exactly")
                sawExact = sawExact || exact.contains { $0 != .max }
            }
        }
        _ = state.close(before: .max, budget: .max)
        let last = state.view(horizon: .max)
        #expect(last.provisional.stationBins.cells.allSatisfy { $0.value.isZero }, "nothing open, nothing provisional")
        #expect(last.openEvents == 0 && last.openDevices == 0)
        #expect(sawOpen && sawExact, "the test saw open sessions")
    }
}
