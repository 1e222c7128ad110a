import Foundation
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO
@testable import ThrongLive

@Suite("Live engine: batch equivalence")
struct LiveEquivalenceTests {
    /// Streams `events` as `sources` controllers, each in time order but jittered by up to
    /// `jitter` ms, the controllers interleaved at different paces (their clocks up to `skew`
    /// apart), in batches of up to 700.
    static func stream(_ events: [Event], into engine: LiveEngine, sources: Int, jitter: Int64, skew: Int64, seed: UInt64) {
        var rng = SplitMix(seed: seed)
        var parts = [[Event]](repeating: [], count: sources)
        for e in events { parts[Int(rng.next() % UInt64(sources))].append(e) }
        for i in parts.indices {
            // Sort by a jittered time: each source is out of order by up to `jitter`.
            let keyed = parts[i].map { ($0.time + Int64(rng.next() % UInt64(max(1, jitter))), $0) }
            parts[i] = keyed.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let ids = (0..<sources).map { engine.addSource("test-\($0)") }
        var next = [Int](repeating: 0, count: sources)
        let lag = (0..<sources).map { Int64($0) * skew / Int64(max(1, sources - 1)) }
        while true {
            // The source furthest behind (by its position minus its lag) goes next.
            var pick = -1
            var best = Int64.max
            for s in 0..<sources where next[s] < parts[s].count {
                let t = parts[s][next[s]].time + lag[s]
                if t < best { best = t; pick = s }
            }
            guard pick >= 0 else { break }
            let n = min(parts[pick].count - next[pick], 1 + Int(rng.next() % 700))
            let batch = EventBatch(file: "test-\(pick)", events: Array(parts[pick][next[pick]..<(next[pick] + n)]), lineCount: n)
            engine.ingest(batch, from: ids[pick])
            next[pick] += n
        }
        for id in ids { engine.endSource(id, summary: nil) }
    }

    @Test func aStreamedDayEqualsTheBatchRunOfItsEvents() throws {
        let day = LiveFixtures.day
        let config = LiveFixtures.configuration
        let batch = try BatchJob(network: LiveFixtures.network, inputs: day.files, configuration: config).run()
        #expect(batch.report.quality.journeys > 1_000)
        #expect(batch.report.quality.macChangesJoined > 0, "the fixture's 5% MAC changes give pairs to join")

        var live = LiveConfiguration(batch: config)
        live.publishIntervalSeconds = 0.3
        // A tiny joining budget: every epoch, the final one many times over, runs the path that
        // stops part way and goes on at the next call.
        live.joinEndsPerCall = 3
        let engine = try LiveEngine(network: LiveFixtures.network, configuration: live)
        engine.start()
        let events = try LiveFixtures.events(day.files, resolver: engine.resolver)
        // Three controllers, out of order by up to 90 s each and 2 minutes apart: within the 5-minute lateness.
        #expect(events.count == batch.report.quality.accepted)
        Self.stream(events, into: engine, sources: 3, jitter: 90_000, skew: 120_000, seed: 3)
        let final = engine.finish()
        #expect(final.status.acceptedEvents == events.count)
        #expect(final.status.linesRead == events.count)
        #expect(final.status.lateEvents == 0)
        #expect(final.status.openDevices == 0 && final.status.pendingJoins == 0)
        let tables = final.snapshot.tables
        let expected = batch.snapshot.tables
        for (i, (a, b)) in zip(tables, expected).enumerated() where a != b {
            let x = a.split(separator: "\n"), y = b.split(separator: "\n")
            let first = zip(x, y).first { $0 != $1 }
            Issue.record("table \(i) differs: \(x.count) rows live, \(y.count) batch; first difference: \(first.map { "\($0.0)\n  vs \($0.1)" } ?? "-")")
        }
        let q = final.snapshot.quality, r = batch.report.quality
        #expect(q.accepted == r.accepted)
        #expect(q.devices == r.devices, "devices \(q.devices) live, \(r.devices) batch")
        #expect(q.journeys == r.journeys, "journeys \(q.journeys) live, \(r.journeys) batch")
        #expect(q.devices == r.devices && q.passengerDevices == r.passengerDevices && q.residentDevices == r.residentDevices)
        #expect(q.journeys == r.journeys && q.journeysBothEnds == r.journeysBothEnds)
        #expect(q.macChangesJoined == r.macChangesJoined && q.duplicatesCollapsed == r.duplicatesCollapsed)
    }

    @Test func figuresAreProvisionalWhileSessionsAreOpen() throws {
        let day = LiveFixtures.day
        var live = LiveConfiguration(batch: LiveFixtures.configuration)
        live.publishIntervalSeconds = 0.02
        let engine = try LiveEngine(network: LiveFixtures.network, configuration: live)
        engine.start()
        let events = try LiveFixtures.events(day.files, resolver: engine.resolver).sorted { $0.time < $1.time }
        // The first hour only: every session is still open (the session gap is 2 h).
        let firstHour = events.filter { $0.time < events[0].time + 3_600_000 }
        let source = engine.addSource("first-hour")
        engine.ingest(EventBatch(file: "first-hour", events: firstHour, lineCount: firstHour.count), from: source)
        var epoch = engine.current
        let deadline = Date().addingTimeInterval(10)
        while epoch.status.acceptedEvents < firstHour.count || epoch.status.openEvents < firstHour.count, Date() < deadline {
            usleep(10_000)
            epoch = engine.current
        }
        #expect(epoch.status.openEvents == firstHour.count)
        #expect(epoch.snapshot.stationBins.contains { ($0.occupancy ?? 0) > 0 }, "occupancy is provisional: visible at once")
        #expect(epoch.snapshot.originDestination.isEmpty, "OD is final only: nothing closed yet")
        engine.endSource(source, summary: nil)
        let final = engine.finish()
        #expect(!final.snapshot.originDestination.isEmpty)
        #expect(final.status.openDevices == 0)
    }

    @Test func lateEventsAreCountedPerSourceAndBinAndTotalsReconcile() throws {
        var live = LiveConfiguration(batch: LiveFixtures.configuration)
        live.allowedLatenessMillis = 60_000
        let engine = try LiveEngine(network: LiveFixtures.network, configuration: live)
        engine.start()
        let ap = AccessPointID(0)
        let t0: Int64 = 1_479_711_600_000
        let source = engine.addSource("late-test")
        let device = DeviceKey(token: "late-device")
        engine.ingest(EventBatch(file: "late-test", events: [Event(time: t0 + 600_000, device: device, accessPoint: ap)], lineCount: 1), from: source)
        // Now the watermark is t0 + 10 min: t0 + 9.5 min is within the lateness, t0 is not.
        let batch = EventBatch(file: "late-test", events: [
            Event(time: t0 + 570_000, device: device, accessPoint: ap), Event(time: t0, device: device, accessPoint: ap),
        ], lineCount: 2)
        engine.ingest(batch, from: source)
        engine.endSource(source, summary: nil)
        let final = engine.finish()
        let q = final.snapshot.quality
        #expect(final.status.lateEvents == 1)
        #expect(final.status.sources[0].late == 1)
        #expect(final.status.sources[0].lateByBin == [t0: 1])
        #expect(q.rejectedByReason["tooLate"] == 1)
        #expect(q.accepted == 2 && q.linesRead == 3 && q.accepted + q.rejected == q.linesRead)
    }
}
