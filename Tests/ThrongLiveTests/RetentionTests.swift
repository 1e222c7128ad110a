import Foundation
import Synchronization
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongLive

@Suite("Live engine: retention window")
struct RetentionTests {
    /// Two simulated service days at 0.05% of the demand (once per process).
    static let days = LiveFixtures.simulate("throng-live-retention", days: 2, scale: 0.0005, seed: 11)

    /// What the archive received, and when.
    final class Archive: Sendable {
        let days = Mutex<[LiveArchivedDay]>([])
        let failures = Mutex(0)
        let streamEnded = Atomic<Bool>(false)
        let archivedWhileStreaming = Atomic<Int>(0)
        /// Fails this many times before accepting.
        let failFirst: Int
        init(failFirst: Int = 0) { self.failFirst = failFirst }

        struct Refused: Error {}

        var retention: LiveRetention {
            LiveRetention(days: 1) { [self] day in
                let refuse = failures.withLock { n -> Bool in
                    guard n < failFirst else { return false }
                    n += 1
                    return true
                }
                if refuse { throw Refused() }
                if !streamEnded.load(ordering: .acquiring) { archivedWhileStreaming.add(1, ordering: .relaxed) }
                days.withLock { $0.append(day) }
            }
        }
    }

    /// Lines of every table, sorted: the rows regardless of which snapshot holds them.
    static func rows(_ snapshots: [CrowdingSnapshot]) -> [[Substring]] {
        (0..<snapshots[0].tables.count).map { t in
            snapshots.flatMap { $0.tables[t].split(separator: "\n") }.sorted()
        }
    }

    static func run(_ archive: Archive, events: [Event]) throws -> LiveEpoch {
        var live = LiveConfiguration(batch: LiveFixtures.configuration)
        live.publishIntervalSeconds = 0.05
        live.retention = archive.retention
        let engine = try LiveEngine(network: LiveFixtures.network, configuration: live)
        engine.start()
        LiveEquivalenceTests.stream(events, into: engine, sources: 3, jitter: 60_000, skew: 120_000, seed: 7)
        // Epochs go on while the watermark stands at the end, and the first day is sealed long
        // before it: wait for its offer (a debug build's epochs take seconds; the deadline is slack).
        let deadline = Date().addingTimeInterval(300)
        while archive.days.withLock({ $0.isEmpty }) && Date() < deadline {
            usleep(20_000)
        }
        archive.streamEnded.store(true, ordering: .releasing)
        return engine.finish()
    }

    /// The batch run of the two days (once per process).
    static let batch: BatchResult = try! BatchJob(network: LiveFixtures.network, inputs: days.files, configuration: LiveFixtures.configuration).run()

    @Test func aSealedDayLeavesTheTotalsArchivedAndTheRowsEqualTheBatchRun() throws {
        let config = LiveFixtures.configuration
        let batch = Self.batch
        let calendar = config.calendar
        let batchDays = Set(batch.snapshot.stationBins.map { calendar.serviceDayStart(of: $0.binStart) })
        #expect(batchDays.count >= 2, "the fixture spans two service days")

        // The first offer is refused: the day must stay in the totals and come again.
        let archive = Archive(failFirst: 1)
        let events = try LiveFixtures.events(Self.days.files, resolver: AccessPointResolver(network: LiveFixtures.network, deviceKeying: .unkeyed))
        let final = try Self.run(archive, events: events)
        let archived = archive.days.withLock { $0 }
        #expect(archive.failures.withLock { $0 } == 1, "one refusal")
        #expect(archive.archivedWhileStreaming.load(ordering: .acquiring) >= 1, "the first day left during the run, not at its end")
        let newest = batchDays.max()!
        #expect(archived.map(\.dayStart) == batchDays.sorted().dropLast(), "every day but the newest is archived, oldest first, once")
        for day in archived {
            #expect(day.snapshot.stationBins.allSatisfy { calendar.serviceDayStart(of: $0.binStart) == day.dayStart })
            #expect(day.snapshot.originDestination.allSatisfy { $0.dayStart == day.dayStart })
            #expect(day.path(in: "/x") == "/x/throng-live-\(calendar.serviceDate(of: day.dayStart)).sqlite")
        }
        #expect(final.snapshot.stationBins.allSatisfy { calendar.serviceDayStart(of: $0.binStart) == newest }, "the live totals keep the newest day only")
        #expect(!final.snapshot.originDestination.isEmpty)
        // Together, the archived days and the final epoch have exactly the batch run's rows.
        let live = Self.rows(archived.map(\.snapshot) + [final.snapshot])
        let expected = Self.rows([batch.snapshot])
        for (t, (a, b)) in zip(live, expected).enumerated() where a != b {
            let first = zip(a, b).first { $0 != $1 }
            Issue.record("table \(t): \(a.count) rows live + archive, \(b.count) batch; first difference: \(first.map { "\($0.0)\n  vs \($0.1)" } ?? "-")")
        }
        #expect(final.snapshot.quality.accepted == batch.report.quality.accepted)
    }

    @Test func aRetentionOfNoDaysIsRefused() {
        var live = LiveConfiguration(batch: LiveFixtures.configuration)
        live.retention = LiveRetention(days: 0) { _ in }
        #expect(throws: LiveError.self) { try LiveEngine(network: LiveFixtures.network, configuration: live) }
    }
}
