import ArgumentParser
import Foundation
import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongStore

/// `throng batch`: event logs in, crowding snapshot out.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Reconstruct journeys from wifi event logs and write crowding aggregates to SQLite.",
        discussion: """
            LOGS are files (.csv, .csv.zst), directories (searched recursively for both), or - for \
            standard input. Every line is either counted or rejected with file, line and reason; \
            accepted + rejected = read. Rules: docs/semantics.md, docs/aggregation.md; tables: docs/schema.md.
            """)

    @Option(help: "Network folder.")
    var network = "SampleData/london"

    @Argument(help: "Event logs: files, directories or -.")
    var logs: [String]

    @Option(name: [.short, .long], help: "SQLite snapshot to write (replaced atomically).")
    var out: String

    @Option(help: "Time bin width in minutes (5, 10, 15, 20, 30 or 60).")
    var binMinutes = 15

    @Option(help: "Worker threads (default: number of cores).")
    var workers: Int?

    @Option(help: "Memory budget for buffered events, e.g. 512M, 2G.")
    var memoryBudget = "2G"

    @Option(help: "Local time for service days and day types: Europe/London, UTC or an offset like +01:00.")
    var timeZone = "Europe/London"

    @Option(help: "Reject events before this instant (ISO-8601 or epoch ms).")
    var from: String?

    @Option(help: "Reject events at or after this instant (ISO-8601 or epoch ms).")
    var to: String?

    @Flag(help: "Stop at the first rejected line with a non-zero exit.")
    var strict = false

    @Option(help: "Write rejected lines (file,line,reason,detail,raw) to this file (.csv or .csv.zst).")
    var rejects: String?

    @Option(help: "Disclosure threshold k: non-zero published counts below k are suppressed.")
    var minCount = 10

    @Option(help: "Quarter-hour gate counts for expansion (default: <network>/demand/station_profiles_2019.csv if present).")
    var gateCounts: String?

    @Flag(help: "Do not calibrate expansion factors with gate counts.")
    var noGateCounts = false

    @Option(help: "Device rate assumed where no gate counts calibrate the expansion.")
    var assumedDeviceRate = 0.5

    @Option(help: "Directory for spill files when the input exceeds the memory budget.")
    var spillDir: String?

    @Option(name: .customLong("closure"), help: ArgumentHelp(
        "Line section closed for the whole run, LINE:FROM-TO with NaPTAN codes (repeatable).",
        discussion: "No journey is routed through it (docs/aggregation.md, Disruptions).", valueName: "line:from-to"))
    var closures: [String] = []

    @Option(help: ArgumentHelp(
        "Also write one row per journey (pseudonymised device, origin, destination, times, route) to this file.",
        discussion: "Not disclosure-controlled: per-device rows. Pseudonyms use a random salt that is forgotten after the run."))
    var exportJourneys: String?

    @Flag(help: "Print the end-of-run summary as JSON on standard output.")
    var json = false

    mutating func run() throws {
        let net = try NetworkLoader.load(directory: network)
        var config = BatchConfiguration()
        config.binMinutes = binMinutes
        if let workers { config.workers = workers }
        guard let budget = Self.bytes(memoryBudget) else { throw ValidationError("--memory-budget: expected a size like 512M or 2G") }
        config.memoryBudgetBytes = budget
        guard let zone = TimeZoneRule(timeZone) else { throw ValidationError("--time-zone: expected Europe/London, UTC or +hh:mm") }
        config.calendar = ServiceCalendar(timeZone: zone)
        config.windowStart = try from.map { try Self.instant($0, option: "--from") }
        config.windowEnd = try to.map { try Self.instant($0, option: "--to") }
        config.strict = strict
        config.rejectsPath = rejects
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
        config.disclosureThreshold = minCount
        config.spillDirectory = spillDir ?? Self.directory(of: out)
        config.closures = try closures.map { text in
            guard let closure = LineClosure(parsing: text) else {
                throw ValidationError("--closure: expected LINE:FROM-TO with NaPTAN codes, like Victoria:940GZZLUKSX-940GZZLUVIC, got \(text)")
            }
            return closure
        }

        var expansion = ExpansionFactors(assumedDeviceRate: assumedDeviceRate)
        let profilesPath = gateCounts ?? (network + "/demand/station_profiles_2019.csv")
        if !noGateCounts, gateCounts != nil || FileManager.default.fileExists(atPath: profilesPath) {
            expansion.profiles = try StationProfiles.load(path: profilesPath, network: net).profiles
        }

        let job = BatchJob(network: net, inputs: logs, configuration: config, expansion: expansion)
        let export = exportJourneys.map { _ in JourneyExport() }
        if let exportJourneys {
            FileHandle.standardError.write(Data((
                "warning: --export-journeys writes one row per journey to \(exportJourneys): per-device rows are "
                + "not disclosure-controlled; keep the file private and delete it when done.\n").utf8))
        }
        let progress = BatchProgress(totalBytes: InputFiles.expand(logs).reduce(0) { $0 + Int(InputFiles.size($1)) })
        let reporter = isatty(2) != 0 && !json ? ProgressReporter(progress: progress) : nil
        reporter?.start()
        let result: BatchResult
        do {
            var observer: (@Sendable (DeviceKey, DeviceOutcome) -> Void)? = nil
            if let export { observer = { device, outcome in export.observe(device, outcome) } }
            result = try job.run(progress: progress, observer: observer)
            reporter?.stop()
        } catch {
            reporter?.stop()
            throw error
        }
        try result.snapshot.writeSQLite(to: out, network: result.network, metadata: ["tool": "throng batch"])
        if let export, let exportJourneys { try export.write(to: exportJourneys, network: result.network) }
        if json {
            print(result.report.json)
        } else {
            print(result.report.text)
            print("snapshot:  \(out)")
            if let rejects, result.report.quality.rejected > 0 { print("rejects:   \(rejects)") }
        }
    }

    /// `512M`, `2G`, `1048576`.
    static func bytes(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        guard let last = text.uppercased().last else { return nil }
        if let unit = units[last] { return Double(text.dropLast()).map { Int($0 * Double(unit)) } }
        return Int(text)
    }

    /// Epoch milliseconds or ISO-8601 with offset.
    static func instant(_ text: String, option: String) throws -> Int64 {
        if let ms = Int64(text) { return ms }
        var copy = text
        let parsed = copy.withUTF8 { Timestamp.parse(UnsafeRawBufferPointer($0)) }
        guard case .millis(let ms) = parsed else { throw ValidationError("\(option): expected epoch milliseconds or ISO-8601 like 2016-11-21T07:00:00Z") }
        return ms
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
