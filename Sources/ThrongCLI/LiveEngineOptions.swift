import ArgumentParser
import Foundation
import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongLive

/// The live engine's options, shared by `throng live` and `throng serve --feed`.
struct LiveEngineOptions: ParsableArguments {
    @Option(help: "Checkpoint file (SQLite, mode 0600): resumed from if it exists, written every --checkpoint-interval seconds and at exit.")
    var checkpoint: String?

    @Option(help: "Seconds between checkpoint writes.")
    var checkpointInterval = 5.0

    @Option(help: "Allowed lateness in seconds: events older than the watermark minus this are counted as late and left out.")
    var lateness = 300.0

    @Option(help: "Seconds of silence after which a source no longer holds the watermark back.")
    var idleTimeout = 30.0

    @Option(help: "Seconds between published epochs.")
    var publishInterval = 0.5

    @Option(help: "Seconds between republications of OD, route splits and distributions (station bins and links: every epoch).")
    var flowPublishInterval = 30.0

    @Option(help: "Disclosure threshold k (exact release, as `throng batch --exact`).")
    var minCount = 10

    @Option(help: "Time bin width in minutes (5, 10, 15, 20, 30 or 60). Default: 15 for live, 5 for serve.")
    var binMinutes: BinWidth?

    @Option(help: "Local time for service days and day types: Europe/London, UTC or an offset like +01:00.")
    var timeZone = TimeZoneArgument(rule: .europeLondon)

    @Option(help: "Reconstruction shards (threads).")
    var shards = 2

    @Option(help: "Archive directory: each service day that is sealed and older than --retain-days leaves memory and is written there as throng-live-YYYY-MM-DD.sqlite (batch schema). Without it every day stays in memory.")
    var archive: String?

    @Option(help: "Service days kept in memory with --archive, counted back from the watermark's day.")
    var retainDays = 1

    func validate() throws {
        if minCount < 1 { throw ValidationError("--min-count must be at least 1, got \(minCount)") }
        if lateness < 0 { throw ValidationError("--lateness must not be negative") }
        if shards < 1 { throw ValidationError("--shards must be at least 1") }
        if publishInterval <= 0 || idleTimeout <= 0 || flowPublishInterval <= 0 { throw ValidationError("--publish-interval, --flow-publish-interval and --idle-timeout must be positive") }
        if let checkpoint { try BatchCommand.checkWritable(checkpoint, option: "--checkpoint") }
        if checkpointInterval <= 0 { throw ValidationError("--checkpoint-interval must be positive") }
        if retainDays < 1 { throw ValidationError("--retain-days must be at least 1, got \(retainDays)") }
        if let archive {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: archive, isDirectory: &isDirectory) {
                do {
                    try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
                } catch {
                    throw ValidationError("--archive: cannot create the directory \(archive): \(error.localizedDescription)")
                }
            } else if !isDirectory.boolValue {
                throw ValidationError("--archive: \(archive) is not a directory")
            }
            if !FileManager.default.isWritableFile(atPath: archive) { throw ValidationError("--archive: cannot write to \(archive)") }
        }
    }

    /// An engine on `network` (loaded from `folder`, whose demand profiles give the expansion factors).
    func makeEngine(network net: Network, folder: String, defaultBinMinutes: Int) throws -> LiveEngine {
        var batch = BatchConfiguration.exactRelease
        batch.disclosureThreshold = minCount
        batch.binMinutes = binMinutes?.minutes ?? defaultBinMinutes
        batch.calendar = ServiceCalendar(timeZone: timeZone.rule)
        var config = LiveConfiguration(batch: batch)
        config.allowedLatenessMillis = Int64(lateness * 1000)
        config.idleSourceTimeoutSeconds = idleTimeout
        config.publishIntervalSeconds = publishInterval
        config.flowPublishIntervalSeconds = flowPublishInterval
        config.shards = shards
        config.checkpointIntervalSeconds = checkpointInterval
        if let archive { config.retention = .directory(archive, days: retainDays) }
        var expansion = ExpansionFactors()
        let profiles = folder + "/demand/station_profiles_2019.csv"
        if FileManager.default.fileExists(atPath: profiles) { expansion.profiles = try StationProfiles.load(path: profiles, network: net).profiles }
        return try LiveEngine(network: net, configuration: config, expansion: expansion, checkpoint: checkpoint)
    }
}
