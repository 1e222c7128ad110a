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

    @Option(help: "Network folder (relative to the current directory).")
    var network = "SampleData/london"

    @Argument(help: "Event logs: files, directories or -.")
    var logs: [String] = []

    @Option(name: [.short, .long], help: "SQLite snapshot to write (replaced atomically).")
    var out: String

    @Option(help: "Time bin width in minutes (5, 10, 15, 20, 30 or 60).")
    var binMinutes = BinWidth(minutes: 15)

    @Option(help: "Worker threads (default: number of cores).")
    var workers: Int?

    @Option(help: "Memory budget for buffered events, e.g. 512M, 2G.")
    var memoryBudget = ByteSize(argument: "2G")!

    @Option(help: "Local time for service days and day types: Europe/London, UTC or an offset like +01:00.")
    var timeZone = TimeZoneArgument(rule: .europeLondon)

    @Option(help: "Reject events before this instant (ISO-8601 with offset, or epoch ms).")
    var from: InstantArgument?

    @Option(help: "Reject events at or after this instant (ISO-8601 with offset, or epoch ms).")
    var to: InstantArgument?

    @Flag(help: "Stop at the first rejected line with a non-zero exit.")
    var strict = false

    @Option(help: "Write rejected lines (file,line,reason,detail,raw) to this file (.csv or .csv.zst); device fields pseudonymised.")
    var rejects: String?

    @Flag(help: "Keep device tokens in the rejects file's raw lines (warns; for trusted debugging only).")
    var rejectsRaw = false

    @Option(help: ArgumentHelp(
        "Disclosure threshold k of an exact release: non-zero published counts below k are suppressed (at least 1; default 10).",
        discussion: "Giving it selects an exact release, as --exact does, with a warning."))
    var minCount: Int?

    @Flag(help: ArgumentHelp(
        "Publish exact counts (threshold suppression only) instead of a differentially private release.",
        discussion: "For trusted internal use: exact releases do not survive differencing (docs/privacy.md)."))
    var exact = false

    @Option(help: "Privacy budget rho (zCDP) per device-day of a private release, in (0, 100]; smaller protects more, adds more noise.")
    var privacyRho = PrivacyBudget.default.rho

    @Option(help: "Journeys per device and service day that count in a private release (the rest are left out).")
    var privacyJourneys = ContributionBounds.default.journeysPerDay

    @Option(help: "Quarter-hour gate counts for expansion (default: <network>/demand/station_profiles_2019.csv if present).")
    var gateCounts: String?

    @Flag(help: "Do not calibrate expansion factors with gate counts.")
    var noGateCounts = false

    @Option(help: "Device rate assumed where no gate counts calibrate the expansion (0 < rate <= 1).")
    var assumedDeviceRate = 0.5

    @Option(help: "A device with more accepted events than this is noise: counted, left out of aggregates, reported.")
    var maxDeviceEvents = BatchConfiguration.defaultMaxEventsPerDevice

    @Option(help: "Directory for spill files when the input exceeds the memory budget (default: the snapshot's directory).")
    var spillDir: String?

    @Option(name: .customLong("closure"), help: ArgumentHelp(
        "Line section closed for the whole run, LINE:FROM-TO with NaPTAN codes (repeatable).",
        discussion: "No journey is routed through it (docs/aggregation.md, Disruptions).", valueName: "line:from-to"))
    var closures: [ClosureArgument] = []

    @Option(help: ArgumentHelp(
        "Also write one row per journey (pseudonymised device, origin, destination, times, route) to this file.",
        discussion: "Not disclosure-controlled: per-device rows. Pseudonyms use a random salt that is forgotten after the run."))
    var exportJourneys: String?

    @Flag(help: "Print the end-of-run summary as JSON on standard output (errors as JSON on standard error).")
    var json = false

    /// Checks every option before any work: bad ones get the usage and exit status 64 (as
    /// JSON on standard error with `--json`, see ``ThrongCommand/main()``).
    func validate() throws {
        if logs.isEmpty { throw ValidationError("give at least one event log: a file, a directory, or - for standard input") }
        if maxDeviceEvents < 1 { throw ValidationError("--max-device-events must be at least 1, got \(maxDeviceEvents)") }
        if let minCount, minCount < 1 { throw ValidationError("--min-count must be at least 1, got \(minCount)") }
        if !(privacyRho > 0 && privacyRho <= 100) { throw ValidationError("--privacy-rho must be in (0, 100], got \(privacyRho)") }
        if privacyJourneys < 1 { throw ValidationError("--privacy-journeys must be at least 1, got \(privacyJourneys)") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1, got \(workers)") }
        if !(assumedDeviceRate > 0 && assumedDeviceRate <= 1) { throw ValidationError("--assumed-device-rate must be in (0, 1], got \(assumedDeviceRate)") }
        if let from, let to, from.millis >= to.millis { throw ValidationError("--from must be before --to") }
        if !Self.isDirectory(network) || !FileManager.default.fileExists(atPath: network + "/stations.csv") {
            let cwd = FileManager.default.currentDirectoryPath
            throw ValidationError("no network folder at '\(network)' (relative to \(cwd)); pass --network DIR, e.g. the repository's SampleData/london")
        }
        try Self.checkWritable(out, option: "--out")
        if let rejects { try Self.checkWritable(rejects, option: "--rejects") }
        if let exportJourneys { try Self.checkWritable(exportJourneys, option: "--export-journeys") }
        if let spillDir, !Self.isDirectory(spillDir) { throw ValidationError("--spill-dir: no directory at \(spillDir)") }
        if let gateCounts, !FileManager.default.fileExists(atPath: gateCounts) { throw ValidationError("--gate-counts: no file at \(gateCounts)") }
    }

    /// The path must not be a directory, and its directory must exist and be writable.
    static func checkWritable(_ path: String, option: String) throws {
        if isDirectory(path) { throw ValidationError("\(option): \(path) is a directory; give a file name") }
        let dir = directory(of: path)
        guard isDirectory(dir) else { throw ValidationError("\(option): the directory \(dir) does not exist") }
        guard access(dir, W_OK) == 0 else { throw ValidationError("\(option): cannot write in \(dir)") }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    mutating func run() throws {
        do {
            let status = try execute()
            if status != .ok { throw status.exitCode }
        } catch let code as ExitCode {
            throw code
        } catch {
            throw CommandFailure(error).report(json: json)
        }
    }

    private func execute() throws -> ExitStatus {
        let net = try NetworkLoader.load(directory: network)
        var config = BatchConfiguration()
        config.binMinutes = binMinutes.minutes
        if let workers { config.workers = workers }
        config.memoryBudgetBytes = memoryBudget.bytes
        config.calendar = ServiceCalendar(timeZone: timeZone.rule)
        config.windowStart = from?.millis
        config.windowEnd = to?.millis
        config.strict = strict
        config.rejectsPath = rejects
        config.disclosureThreshold = minCount ?? 10
        if exact || minCount != nil {
            if !exact && !json {
                FileHandle.standardError.write(Data(("warning: --min-count selects an exact release (threshold suppression only, not "
                    + "protected against comparing releases; docs/privacy.md): say --exact to confirm, or drop --min-count for the "
                    + "private default.\n").utf8))
            }
            config.release = .exact
        } else {
            var budget = PrivacyBudget(rho: privacyRho)
            budget.bounds.journeysPerDay = privacyJourneys
            config.release = .differentiallyPrivate(budget)
        }
        config.spillDirectory = spillDir ?? Self.directory(of: out)
        config.closures = closures.map(\.closure)
        config.maxEventsPerDevice = maxDeviceEvents

        var expansion = ExpansionFactors(assumedDeviceRate: assumedDeviceRate)
        let profilesPath = gateCounts ?? (network + "/demand/station_profiles_2019.csv")
        if !noGateCounts, gateCounts != nil || FileManager.default.fileExists(atPath: profilesPath) {
            expansion.profiles = try StationProfiles.load(path: profilesPath, network: net).profiles
        }

        // Temporaries of killed runs (ours only: their process is gone) are removed first.
        var stale = AtomicFileReplacement.removeStaleTemporaries(for: out)
        if let rejects { stale += AtomicFileReplacement.removeStaleTemporaries(for: rejects) }
        stale += BatchJob.removeStaleSpillDirectories(under: config.spillDirectory)
        if !stale.isEmpty && !json {
            FileHandle.standardError.write(Data("note: removed \(stale.count) temporary file(s) of killed runs: \(stale.joined(separator: ", "))\n".utf8))
        }
        config.rejectsRawDevices = rejectsRaw
        if rejectsRaw, let rejects {
            FileHandle.standardError.write(Data(("warning: --rejects-raw keeps device tokens in \(rejects): keep the file private "
                + "and delete it when done.\n").utf8))
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
        do {
            try result.snapshot.writeSQLite(to: out, network: result.network, metadata: ["tool": "throng batch"])
        } catch {
            result.discardRejects()
            throw error
        }
        try result.commitRejects()   // after the snapshot: the pair is always from one run
        if let export, let exportJourneys { try export.write(to: exportJourneys, network: result.network) }
        if json {
            print(result.report.json)
        } else {
            print(result.report.text)
            print("snapshot:  \(out)")
            if let rejects, result.report.quality.rejected > 0 { print("rejects:   \(rejects)") }
        }
        return result.report.fileProblems.isEmpty ? .ok : .inputProblems
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
