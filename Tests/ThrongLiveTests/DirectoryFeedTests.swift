import Foundation
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO
@testable import ThrongLive

@Suite("Live engine: directory feed")
struct DirectoryFeedTests {
    static func line(_ i: Int, ap: String) -> String { "\(1_479_711_600_000 + Int64(i) * 1_000),dev\(i % 7),\(ap)\n" }

    static func append(_ text: String, to path: String) throws {
        let h = FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)!
        }()
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        try h.close()
    }

    /// A growing `.csv` (a partial line between two writes), one truncated in place and
    /// rewritten, and a bad line: every line is counted once, accepted or rejected with its source.
    @Test func tailsGrowingFilesAndRestartsTruncatedOnes() throws {
        let dir = NSTemporaryDirectory() + "throng-live-dir-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let ap = LiveFixtures.network.accessPoints[0].id
        var live = LiveConfiguration(batch: LiveFixtures.configuration)
        live.allowedLatenessMillis = 86_400_000
        let engine = try LiveEngine(network: LiveFixtures.network, configuration: live)
        engine.start()
        let follower = DirectoryFollower(path: dir, engine: engine)
        let growing = dir + "/a.csv", rotated = dir + "/b.csv"
        try Self.append("timestamp,device,ap\n" + Self.line(1, ap: ap) + Self.line(2, ap: ap), to: growing)
        let third = Self.line(3, ap: ap)
        try Self.append(String(third.prefix(10)), to: growing)   // a partial line
        try Self.append((1...4).map { Self.line(100 + $0, ap: ap) }.joined(), to: rotated)
        follower.poll(final: false)
        try Self.append(String(third.dropFirst(10)) + "1479711600000,bad device,\(ap)\n", to: growing)
        // Truncated in place and rewritten with two lines: a new generation.
        try Data((Self.line(200, ap: ap) + Self.line(201, ap: ap)).utf8).write(to: URL(fileURLWithPath: rotated))
        follower.poll(final: false)
        follower.poll(final: true)
        let final = engine.finish()
        let q = final.snapshot.quality
        #expect(q.linesRead == 3 + 1 + 4 + 2, "a.csv: 3 events and a bad line; b.csv: 4, then 2 after truncation")
        #expect(q.accepted == 9)
        #expect(q.rejectedByReason["badDevice"] == 1)
        #expect(q.accepted + q.rejected == q.linesRead)
        let names = final.status.sources.map(\.name).sorted()
        #expect(names == [growing, rotated, rotated + "@2"])
        let bad = final.status.sources.first { $0.name == growing }?.firstRejects.first
        #expect(bad?.line == 5 && bad?.reason == .badDevice, "header is line 1, the bad line is line 5")
    }
}
