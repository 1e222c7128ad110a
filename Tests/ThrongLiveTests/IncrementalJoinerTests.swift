import Testing
@testable import ThrongCore
@testable import ThrongLive

/// The stream joiner against the batch one on a day with many MAC changes: journeys arrive in
/// chunks, roughly in the order their sessions end, each chunk with the exact per-station
/// frontier of what is still to come, and a small budget so that calls stop part way. The
/// journeys it releases must be the batch joiner's, pair for pair.
@Suite("Live engine: MAC-change joiner")
struct IncrementalJoinerTests {
    /// One simulated day at 0.15% of the demand where every journey's device changes its MAC
    /// address at a random ping (once per process): some changes fall inside interchanges.
    static let day = LiveFixtures.simulate("throng-live-joiner", days: 1, scale: 0.0015, seed: 21) { $0.noise.macChangeRate = 1 }

    @Test("chunked, budgeted decisions join the batch joiner's pairs", arguments: [1, 7, 10_000])
    func streamJoinsTheBatchPairs(budget: Int) throws {
        let configuration = LiveConfiguration(batch: LiveFixtures.configuration)
        let core = LiveEngineCore(network: LiveFixtures.network, configuration: configuration)
        let resolver = AccessPointResolver(network: LiveFixtures.network, deviceKeying: .unkeyed)
        let events = try LiveFixtures.events(Self.day.files, resolver: resolver)
        // Every session reconstructed as a shard does it; the journeys held for joining.
        var shard = ShardState(engine: core)
        shard.add(events)
        _ = shard.close(before: .max, budget: .max)
        let held = shard.view(horizon: .max).held
        let window = configuration.batch.reconstruction.macChangeWindowMillis
        let parameters = configuration.batch.reconstruction
        var reconstructor = JourneyReconstructor(network: core.network, parameters: parameters, routes: core.routes,
                                                 calendar: configuration.batch.calendar)

        // Batch: pair all at once.
        var batchJoiner = MacChangeJoiner()
        batchJoiner.merge(held)
        let (pairs, unpaired) = batchJoiner.pair(using: reconstructor, window: window)
        #expect(pairs.count >= 50, "the day has pairs to join (\(pairs.count) of \(held.count) held)")
        var expected = pairs.map { reconstructor.makeJoined(held[$0.first], held[$0.second]) }
        expected += unpaired.map { held[$0] }

        // Stream: in order of exit time, with jitter, in chunks of up to 40.
        var rng = SplitMix(seed: UInt64(budget))
        let order = held.indices.map { ($0, held[$0].exitTime + Int64(rng.next() % 1_800_000)) }.sorted { $0.1 < $1.1 }.map(\.0)
        let stations = core.network.stations.count
        var joiner = IncrementalJoiner()
        var released: [ReconstructedJourney] = []
        var next = 0
        while next < order.count {
            let n = min(order.count - next, 1 + Int(rng.next() % 40))
            joiner.add(order[next..<(next + n)].map { held[$0] }, using: reconstructor)
            next += n
            // Per station, the earliest visit there of a journey still to come, less one.
            var frontier = [Int64](repeating: .max, count: stations)
            for i in order[next...] {
                for v in held[i].visits where v.firstTime - 1 < frontier[v.station.index] { frontier[v.station.index] = v.firstTime - 1 }
            }
            if next == order.count { frontier = [Int64](repeating: .max, count: stations) }
            released += joiner.decide(frontier: frontier, window: window, budget: budget, using: &reconstructor)
        }
        repeat {
            released += joiner.decide(frontier: [], window: window, budget: budget, using: &reconstructor)
        } while joiner.count > 0 && joiner.lastProgress > 0
        #expect(joiner.count == 0)
        #expect(joiner.joined == pairs.count)
        #expect(released.count == expected.count)
        let sort: (ReconstructedJourney, ReconstructedJourney) -> Bool = { MacChangeJoiner.precedes($0, $1) }
        // Counted, not printed: a journey with its inferred routes prints as pages.
        let mismatched = zip(released.sorted(by: sort), expected.sorted(by: sort)).filter { $0 != $1 }.count
        #expect(mismatched == 0, "journeys that differ from the batch joiner's")
    }
}
