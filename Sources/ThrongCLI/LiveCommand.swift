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
            With --archive DIR, each service day that is sealed and older than --retain-days leaves \
            memory and is written to DIR as its own snapshot; --out then holds the days still in \
            memory. Details: docs/live.md.
            """)

    @Option(help: "Network folder.")
    var network = "SampleData/london"

    @Option(help: "stdin, tcp://127.0.0.1:PORT, or dir:PATH.")
    var feed: String

    @Option(name: [.short, .long], help: "Snapshot to write at exit (replaced atomically).")
    var out: String?

    @OptionGroup var engineOptions: LiveEngineOptions

    @Option(help: "Print the status line every this many seconds (0: only at exit). Default: 2 on a terminal, else 0.")
    var statusEvery: Double?

    func validate() throws {
        if let out { try BatchCommand.checkWritable(out, option: "--out") }
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
        let engine = try engineOptions.makeEngine(network: net, folder: network, defaultBinMinutes: 15)
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
        if let e = engine.archiveError { FileHandle.standardError.write(Data("warning: \(e)\n".utf8)) }
    }

    static func statusLine(_ s: LiveStatus, rate: Double?) -> String {
        let watermark = s.watermark.map { Timestamp.iso8601(millis: $0) } ?? "-"
        let lag = s.watermark.map { String(format: "%.0f s", Date().timeIntervalSince1970 - Double($0) / 1000) } ?? "-"
        return (rate.map { String(format: "%.0f events/s  ", $0) } ?? "")
            + "watermark \(watermark) (lag \(lag))  devices open \(s.openDevices)  held for joining \(s.pendingJoins)  events \(s.acceptedEvents)  late \(s.lateEvents)  rejected \(s.rejectedLines)  epoch build \(String(format: "%.3f", s.buildSeconds)) s"
            + (s.visibleLatencyP99.map { String(format: "  visible p50 %.3f s p99 %.3f s", s.visibleLatencyP50 ?? 0, $0) } ?? "")
    }
}
