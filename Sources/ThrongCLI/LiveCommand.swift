import ArgumentParser
import Foundation
import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongLive
import ThrongStore

/// `throng live`: the live engine on a feed, a status line, a snapshot at exit.
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Run the live engine on a feed of wifi events (stdin, TCP on loopback, or a directory of growing logs).",
        discussion: """
            Journeys are reconstructed with the batch rules as each device's session closes (idle for \
            2 h past the watermark − lateness); occupancy is visible at once (provisional). With --out, \
            the state at exit (end of input, SIGINT or SIGTERM) is written as a snapshot in the batch \
            schema: after a whole recorded day it equals `throng batch --exact` of the same events. \
            Details: docs/live.md.
            """)

    @Option(help: "Network folder.")
    var network = "SampleData/london"

    @Option(help: "stdin, tcp://127.0.0.1:PORT, or dir:PATH.")
    var feed: String

    @Option(name: [.short, .long], help: "Snapshot to write at exit (replaced atomically).")
    var out: String?

    @Option(help: "Checkpoint file (SQLite, mode 0600): resumed from if it exists, written every --checkpoint-interval seconds and at exit.")
    var checkpoint: String?

    @Option(help: "Seconds between checkpoint writes.")
    var checkpointInterval = 5.0

    @Option(help: "Allowed lateness in seconds: events older than the watermark minus this are counted as late and left out.")
    var lateness = 300.0

    @Option(help: "Seconds of silence after which a source no longer holds the watermark back.")
    var idleTimeout = 30.0

    @Option(help: "Seconds between published epochs.")
    var publishInterval = 1.0

    @Option(help: "Seconds between republications of OD, route splits and distributions (station bins and links: every epoch).")
    var flowPublishInterval = 30.0

    @Option(help: "Disclosure threshold k (exact release, as `throng batch --exact`).")
    var minCount = 10

    @Option(help: "Time bin width in minutes (5, 10, 15, 20, 30 or 60).")
    var binMinutes = BinWidth(minutes: 15)

    @Option(help: "Local time for service days and day types: Europe/London, UTC or an offset like +01:00.")
    var timeZone = TimeZoneArgument(rule: .europeLondon)

    @Option(help: "Reconstruction shards (threads).")
    var shards = 2

    @Option(help: "Print the status line every this many seconds (0: only at exit). Default: 2 on a terminal, else 0.")
    var statusEvery: Double?

    func validate() throws {
        if minCount < 1 { throw ValidationError("--min-count must be at least 1, got \(minCount)") }
        if lateness < 0 { throw ValidationError("--lateness must not be negative") }
        if shards < 1 { throw ValidationError("--shards must be at least 1") }
        if publishInterval <= 0 || idleTimeout <= 0 || flowPublishInterval <= 0 { throw ValidationError("--publish-interval, --flow-publish-interval and --idle-timeout must be positive") }
        if let out { try BatchCommand.checkWritable(out, option: "--out") }
        if let checkpoint { try BatchCommand.checkWritable(checkpoint, option: "--checkpoint") }
        if checkpointInterval <= 0 { throw ValidationError("--checkpoint-interval must be positive") }
        do { _ = try LiveFeed(parsing: feed) } catch { throw ValidationError(error.description) }
    }

    mutating func run() throws {
        do {
            try execute()
        } catch let code as ExitCode {
            throw code
        } catch {
            throw CommandFailure(error).report(json: false)
        }
    }

    private func execute() throws {
        let net = try NetworkLoader.load(directory: network)
        var batch = BatchConfiguration.exactRelease
        batch.disclosureThreshold = minCount
        batch.binMinutes = binMinutes.minutes
        batch.calendar = ServiceCalendar(timeZone: timeZone.rule)
        var config = LiveConfiguration(batch: batch)
        config.allowedLatenessMillis = Int64(lateness * 1000)
        config.idleSourceTimeoutSeconds = idleTimeout
        config.publishIntervalSeconds = publishInterval
        config.flowPublishIntervalSeconds = flowPublishInterval
        config.shards = shards
        config.checkpointIntervalSeconds = checkpointInterval
        var expansion = ExpansionFactors()
        let profiles = network + "/demand/station_profiles_2019.csv"
        if FileManager.default.fileExists(atPath: profiles) { expansion.profiles = try StationProfiles.load(path: profiles, network: net).profiles }

        let engine = try LiveEngine(network: net, configuration: config, expansion: expansion, checkpoint: checkpoint)
        let runner = FeedRunner(feed: try LiveFeed(parsing: feed), engine: engine)
        let signals = SignalFlag.install()
        engine.start()
        try runner.start()
        let every = statusEvery ?? (isatty(2) != 0 ? 2 : 0)
        var lastStatus = Date()
        var lastAccepted = 0
        while !runner.hasEnded && !signals.isRaised {
            usleep(50_000)
            if every > 0, Date().timeIntervalSince(lastStatus) >= every {
                let s = engine.current.status
                let rate = Double(s.acceptedEvents - lastAccepted) / Date().timeIntervalSince(lastStatus)
                lastStatus = Date()
                lastAccepted = s.acceptedEvents
                FileHandle.standardError.write(Data((Self.statusLine(s, rate: rate) + "\n").utf8))
            }
        }
        runner.stop()
        runner.waitForReaders()
        let final = engine.finish()
        FileHandle.standardError.write(Data(("final: " + Self.statusLine(final.status, rate: nil) + "\n").utf8))
        let q = final.snapshot.quality
        print("lines read: \(q.linesRead)  accepted: \(q.accepted)  rejected: \(q.rejected)" + (q.rejectedByReason.isEmpty ? "" : " (" + q.rejectedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"))
        print("devices: \(q.devices)  journeys: \(q.journeys) (both ends \(q.journeysBothEnds))  mac changes joined: \(q.macChangesJoined)")
        for source in final.status.sources where source.late > 0 || source.summary.rejected > 0 {
            print("source \(source.name): \(source.summary.linesRead) lines, \(source.summary.rejected) rejected, \(source.late) late")
            for r in source.firstRejects.prefix(3) { print("  \(r)") }
        }
        if let out {
            try final.snapshot.writeSQLite(to: out, network: engine.network, metadata: ["tool": "throng live"])
            print("snapshot:  \(out)")
        }
        if let e = engine.checkpointError { FileHandle.standardError.write(Data("warning: a checkpoint write failed: \(e)\n".utf8)) }
    }

    static func statusLine(_ s: LiveStatus, rate: Double?) -> String {
        let watermark = s.watermark.map { Timestamp.iso8601(millis: $0) } ?? "-"
        let lag = s.watermark.map { String(format: "%.0f s", Date().timeIntervalSince1970 - Double($0) / 1000) } ?? "-"
        return (rate.map { String(format: "%.0f events/s  ", $0) } ?? "")
            + "watermark \(watermark) (lag \(lag))  devices open \(s.openDevices)  events \(s.acceptedEvents)  late \(s.lateEvents)  rejected \(s.rejectedLines)  epoch build \(String(format: "%.3f", s.buildSeconds)) s"
            + (s.visibleLatencyP99.map { String(format: "  visible p50 %.3f s p99 %.3f s", s.visibleLatencyP50 ?? 0, $0) } ?? "")
    }
}
