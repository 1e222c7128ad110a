import Foundation
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO
@testable import ThrongLive

@Suite("Live engine: checkpoint and restart")
struct CheckpointTests {
    /// Half a day streamed, the engine stopped dead (no close, no last checkpoint write), a new
    /// engine started on the checkpoint and given the other half: the result equals the batch
    /// run of the whole day, so nothing was lost or counted twice.
    @Test func aHaltedEngineResumesFromItsCheckpointWithoutLossOrDoubleCounting() throws {
        let day = LiveFixtures.day
        let config = LiveFixtures.configuration
        let batch = try BatchJob(network: LiveFixtures.network, inputs: day.files, configuration: config).run()
        let path = NSTemporaryDirectory() + "throng-live-checkpoint-\(getpid()).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var live = LiveConfiguration(batch: config)
        live.allowedLatenessMillis = 86_400_000
        live.checkpointIntervalSeconds = 0.05
        live.publishIntervalSeconds = 0.5

        let first = try LiveEngine(network: LiveFixtures.network, configuration: live, checkpoint: path)
        first.start()
        let events = try LiveFixtures.events(day.files, resolver: first.resolver)
        let half = events.count / 2
        let a = first.addSource("first-half")
        for chunk in stride(from: 0, to: half, by: 5_000) {
            let part = Array(events[chunk..<min(half, chunk + 5_000)])
            first.ingest(EventBatch(file: "first-half", events: part, lineCount: part.count), from: a)
        }
        // Wait until a checkpoint holds the whole first half, then stop dead.
        let file = try CheckpointFile(path: path)
        let deadline = Date().addingTimeInterval(20)
        while try file.load().events.count < half, Date() < deadline { usleep(20_000) }
        first.haltForTesting()
        #expect(try file.load().events.count == half)
        #expect((try file.meta())["format"] == CheckpointFile.format)
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600, "owner-only")

        let second = try LiveEngine(network: LiveFixtures.network, configuration: live, checkpoint: path)
        second.start()
        #expect(second.resolver.deviceKeying.kind == first.resolver.deviceKeying.kind)
        let b = second.addSource("second-half")
        let rest = Array(events[half...])
        second.ingest(EventBatch(file: "second-half", events: rest, lineCount: rest.count), from: b)
        second.endSource(b, summary: nil)
        let final = second.finish()
        #expect(final.snapshot.quality.accepted == batch.report.quality.accepted)
        #expect(final.snapshot.quality.linesRead == events.count)
        for (i, (x, y)) in zip(final.snapshot.tables, batch.snapshot.tables).enumerated() where x != y {
            Issue.record("table \(i) differs after the restart")
        }
    }
}
