import ArgumentParser
import Foundation
import ThrongBatch
import ThrongLive

/// `throng replay`: recorded logs back in event-time order, at a multiple of real time.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play event logs back in event-time order at a multiple of real time, to stdout or to a TCP feed.",
        discussion: """
            Each file is one controller: its lines keep their order (the log's own lateness and skew), \
            the files are merged by their next timestamp. With --to tcp://127.0.0.1:PORT each file gets \
            its own connection. --speed 0 plays as fast as possible.
            """)

    @Argument(help: "Event logs: files or directories (.csv, .csv.zst).")
    var logs: [String]

    @Option(help: "Event-time seconds per wall second (60: an hour a minute; 0: as fast as possible).")
    var speed = 60.0

    @Option(help: "stdout, or tcp://127.0.0.1:PORT.")
    var to = "stdout"

    func validate() throws {
        if logs.isEmpty { throw ValidationError("give at least one event log") }
        if speed < 0 { throw ValidationError("--speed must not be negative") }
        if to != "stdout" { do { _ = try LiveFeed(parsing: to) } catch { throw ValidationError(error.description) } }
    }

    mutating func run() throws {
        let files = InputFiles.expand(logs)
        guard !files.isEmpty else { throw ValidationError("no .csv or .csv.zst files in \(logs.joined(separator: " "))") }
        let target: LogReplayer.Target
        if to == "stdout" {
            target = .standardOutput
        } else if case .tcp(let port) = try LiveFeed(parsing: to) {
            target = .tcp(port: port)
        } else {
            throw ValidationError("--to is stdout or tcp://127.0.0.1:PORT")
        }
        signal(SIGPIPE, SIG_IGN)
        var replayer = try LogReplayer(paths: files, speed: speed, target: target)
        let lines = try replayer.run()
        FileHandle.standardError.write(Data("replayed \(lines) lines from \(files.count) file(s)\n".utf8))
    }
}
