import Testing
@testable import ThrongCore
@testable import ThrongLive

/// The shard's bookkeeping for closing sessions: the device → slot table, and the per-buffer
/// times the close scan reads instead of the buffers (latest event, end of the leading session).
@Suite("Live engine: closing sessions in rounds")
struct ShardCloseTests {
    @Test("the device slot table agrees with a Dictionary through inserts, updates and removals, colliding keys included")
    func slotTableMatchesDictionary() {
        var table = DeviceSlotTable(capacity: 4)
        var reference: [DeviceKey: Int] = [:]
        var rng = SplitMix(seed: 11)
        // Few distinct low bits, so probe runs are long and removals shift entries back.
        func key(_ n: UInt64) -> DeviceKey { DeviceKey(high: n, low: (n % 7) << 20 | (n % 3)) }
        for step in 0..<20_000 {
            let k = key(rng.next() % 3_000)
            switch rng.next() % 3 {
            case 0, 1:
                table.set(k, to: step)
                reference[k] = step
            default:
                table.remove(k)
                reference[k] = nil
            }
            if step % 1_000 == 0 {
                #expect(table.count == reference.count, "step \(step)")
                for n in 0..<3_000 as Range<UInt64> {
                    let k = key(n)
                    #expect(table.index(of: k) == reference[k], "step \(step), key \(n)")
                }
            }
        }
        #expect(table.count == reference.count)
        for (k, v) in reference { #expect(table.index(of: k) == v) }
    }

    @Test("closing at rising horizons in small rounds, events out of order, gives the figures of closing everything at once")
    func roundsEqualOneClose() throws {
        let core = LiveEngineCore(network: LiveFixtures.network, configuration: LiveConfiguration(batch: LiveFixtures.configuration))
        let resolver = AccessPointResolver(network: LiveFixtures.network, deviceKeying: .unkeyed)
        var events = try LiveFixtures.events(LiveFixtures.day.files, resolver: resolver)
        events.sort { $0.time < $1.time }

        var once = ShardState(engine: core)
        once.add(events)
        _ = once.close(before: .max, budget: .max)
        let all = once.view(horizon: .max)

        var rounds = ShardState(engine: core)
        var merged = CrowdingAccumulator(binMillis: LiveFixtures.configuration.binMillis)
        var tally = DeviceTally(), held = 0
        // Arrival order: a fifth of the events come up to `lateness` after their time, the rest
        // at once; the horizon trails the latest arrival by the lateness, so every later
        // arrival is at or past it, as the engine guarantees, and late events still land in
        // sessions the horizon has nearly passed.
        var rng = SplitMix(seed: 3)
        // Hours, so that many buffers hold a final session in front of an open one.
        let lateness: Int64 = 4 * 3_600_000
        let arrivals = events.map { e in (e, e.time + (rng.next() % 5 == 0 ? Int64(rng.next() % UInt64(lateness)) : 0)) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.time < $1.0.time }
        let chunk = max(1, arrivals.count / 300)
        var start = 0
        while start < arrivals.count {
            let batch = arrivals[start..<min(arrivals.count, start + chunk)]
            start += chunk
            rounds.add(batch.map(\.0))
            let horizon = batch.last!.1 - lateness
            while rounds.close(before: horizon, budget: 3) {}
            let v = rounds.view(horizon: horizon)
            merged.merge(v.accumulator)
            tally = v.tally
            held += v.held.count
        }
        while rounds.close(before: .max, budget: 5) {}
        let last = rounds.view(horizon: .max)
        merged.merge(last.accumulator)
        tally = last.tally
        held += last.held.count

        #expect(tally.devices == all.tally.devices && tally.journeys == all.tally.journeys)
        #expect(tally.journeysBothEnds == all.tally.journeysBothEnds && tally.passengers == all.tally.passengers)
        #expect(held == all.held.count)
        let sameOD = merged.originDestination == all.accumulator.originDestination
        #expect(sameOD, "origin-destination counts")
        let a = merged.stationBins.cells, b = all.accumulator.stationBins.cells
        #expect(a.count == b.count && zip(a, b).allSatisfy { $0.bin == $1.bin && $0.entity == $1.entity && $0.value == $1.value })
        #expect(all.tally.journeys > 100, "the fixture has journeys")
        #expect(rounds.leadingCloses > 0, "some round closed a leading session of a device that stayed open")
    }
}
