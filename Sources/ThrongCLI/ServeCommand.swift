import ArgumentParser
import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import ThrongCore
import ThrongIO
import ThrongLive
import ThrongQuery
import ThrongServer
import ThrongStore

/// `throng serve`: the HTTP API and dashboard over a snapshot, and live figures with a feed.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve crowding over HTTP: TfL-compatible /crowding, Throng's /v1, /metrics and a live dashboard at /.",
        discussion: """
            Typical crowding comes from --snapshot (written by `throng batch`); with --feed the live engine \
            runs in the process and /crowding/{naptan}/Live and /v1/…/live answer from it, judged against the \
            snapshot's typical levels. SIGINT or SIGTERM: stop accepting, finish requests in flight, finish \
            the live engine (checkpoint, --out). API: docs/api.md and GET /openapi.json.
            """)

    @Option(help: "Network folder.")
    var network = "SampleData/london"

    @Option(help: "Snapshot with the typical days (throng batch --out).")
    var snapshot: String?

    @Option(help: "Live feed: stdin, tcp://127.0.0.1:PORT, or dir:PATH.")
    var feed: String?

    @Option(help: "Address to listen on, HOST:PORT (loopback by default; port 0 picks a free one).")
    var listen = "127.0.0.1:8080"

    @Option(name: .customLong("api-key"), help: "An API key /v1/ requires (repeat for several; none: /v1/ is open).")
    var apiKeys: [String] = []

    @Option(help: "Access-Control-Allow-Origin for browsers ('*', an origin, or 'none').")
    var corsOrigin = "*"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    @Option(help: "Log format: text or json (one JSON object per line on standard error).")
    var logFormat = "text"

    @Option(name: [.short, .long], help: "With --feed: snapshot of the live state written at shutdown.")
    var out: String?

    @OptionGroup var engineOptions: LiveEngineOptions

    func validate() throws {
        if snapshot == nil && feed == nil { throw ValidationError("give --snapshot, --feed, or both") }
        if let feed { do { _ = try LiveFeed(parsing: feed) } catch { throw ValidationError(error.description) } }
        if out != nil && feed == nil { throw ValidationError("--out needs --feed (it writes the live state)") }
        if let out { try BatchCommand.checkWritable(out, option: "--out") }
        guard Self.address(listen) != nil else { throw ValidationError("--listen: expected HOST:PORT, got '\(listen)'") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: expected trace … critical") }
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format: text or json") }
    }

    static func address(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        let host = String(text[..<colon])
        return (host.isEmpty ? "127.0.0.1" : host, port)
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
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let json = logFormat == "json"
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "throng.serve")
        let net = try NetworkLoader.load(directory: network)
        var typical: CrowdingIndex?
        var tag = "live"
        if let snapshot {
            typical = try CrowdingIndex(snapshotPath: snapshot)
            let attributes = try? FileManager.default.attributesOfItem(atPath: snapshot)
            tag = "\(snapshot)|\((attributes?[.size] as? Int) ?? 0)|\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        var services: [any Service] = []
        var engine: LiveEngine?
        if let feed {
            let live = try engineOptions.makeEngine(network: net, folder: network, defaultBinMinutes: 5)
            engine = live
            let runner = FeedRunner(feed: try LiveFeed(parsing: feed), engine: live)
            let out = self.out
            services.append(LiveEngineService(engine: live, runner: runner) { epoch in
                let q = epoch.snapshot.quality
                logger.info("live engine finished", metadata: ["linesRead": "\(q.linesRead)", "accepted": "\(q.accepted)", "rejected": "\(q.rejected)", "late": "\(epoch.status.lateEvents)"])
                if let out {
                    do {
                        try epoch.snapshot.writeSQLite(to: out, network: net, metadata: ["tool": "throng serve"])
                        logger.info("snapshot written", metadata: ["path": "\(out)"])
                    } catch {
                        logger.error("snapshot not written", metadata: ["path": "\(out)", "error": "\(error)"])
                    }
                }
                if let e = live.checkpointError { logger.warning("a checkpoint write failed", metadata: ["error": "\(e)"]) }
                if let e = live.archiveError { logger.warning("a day could not be archived", metadata: ["error": "\(e)"]) }
            })
        }
        var configuration = ServerConfiguration()
        let (host, port) = Self.address(listen)!
        configuration.host = host
        configuration.port = port
        configuration.apiKeys = Set(apiKeys)
        configuration.corsAllowOrigin = corsOrigin == "none" ? nil : corsOrigin
        let server = try CrowdingServer(network: net, typical: typical, typicalTag: tag, live: engine, configuration: configuration, logger: logger)
        let failure = Mutex<(any Error & Sendable)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let servicesToRun = services
        Task {
            do {
                try await server.run(services: servicesToRun) { port in
                    logger.info("listening", metadata: ["address": "http://\(host):\(port)/"])
                }
            } catch {
                failure.withLock { $0 = error }
            }
            done.signal()
        }
        done.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
