import ArgumentParser
import ThrongBatch
import ThrongCore
import ThrongEvaluation
import ThrongIO

/// `throng evaluate`: run the batch engine on simulated logs and measure it against the truth.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure the batch engine's accuracy against the simulator's ground truth.",
        discussion: """
            Runs the batch engine in-process on LOGS (default: SIMDIR/events) and compares it with \
            SIMDIR/truth/journeys.csv.zst and the wifi stations of SIMDIR/summary.json: OD accuracy, \
            link loads of the busiest links, route splits, and station bins against a brute-force \
            reference. Definitions: docs/accuracy.md. Device keys never leave the process.
            """)

    @Option(help: "Network folder (the full network, also for a closure scenario).")
    var network = "SampleData/london"

    @Option(help: "Simulator output folder (with truth/ and summary.json).")
    var truth: String

    @Argument(help: "Event logs: files or directories (default: <truth>/events).")
    var logs: [String] = []

    @Option(help: "Worker threads (default: number of cores).")
    var workers: Int?

    @Option(help: "Busiest links compared.")
    var topLinks = 50

    @Option(help: "OD pairs whose route splits are compared, as FROM-TO NaPTAN codes (repeatable).")
    var routeSplit: [String] = ["940GZZLUKSX-940GZZLUWLO"]

    @Option(help: "Override the re-entry gap of journey reconstruction, in seconds (sensitivity runs; default 180).")
    var reentryGap: Int?

    @Option(name: .customLong("closure"), help: ArgumentHelp(
        "Line section the engine is told is closed, LINE:FROM-TO with NaPTAN codes (repeatable; as throng batch --closure).",
        valueName: "line:from-to"))
    var closures: [String] = []

    @Flag(help: "Skip the brute-force station-bin reference (it holds every event in memory).")
    var noReference = false

    mutating func run() throws {
        let net = try NetworkLoader.load(directory: network)
        var config = BatchConfiguration.exactRelease
        if let workers { config.workers = workers }
        if let reentryGap { config.reconstruction.reentryGapMillis = Int64(reentryGap) * 1000 }
        config.closures = try closures.map { text in
            guard let closure = LineClosure(parsing: text) else {
                throw ValidationError("--closure: expected LINE:FROM-TO with NaPTAN codes, got \(text)")
            }
            return closure
        }
        var evaluator = Evaluator(network: net, simulationDirectory: truth, inputs: logs.isEmpty ? nil : logs, configuration: config)
        evaluator.topLinks = topLinks
        evaluator.computeReference = !noReference
        evaluator.routeSplitPairs = try routeSplit.map { text in
            let parts = text.split(separator: "-").map(String.init)
            guard parts.count == 2 else { throw ValidationError("--route-split: expected FROM-TO, got \(text)") }
            return (parts[0], parts[1])
        }
        print(try evaluator.evaluate(), terminator: "")
    }
}
