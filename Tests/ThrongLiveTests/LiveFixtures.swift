import Foundation
import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongLive
import ThrongSimulator

/// A simulated day on London, its events in memory, and a batch run of it.
enum LiveFixtures {
    static let sampleDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("SampleData/london").path
    }()

    static let network: Network = try! NetworkLoader.load(directory: sampleDirectory)

    /// An exact release with k = 1, so that every cell is compared.
    static var configuration: BatchConfiguration {
        var c = BatchConfiguration.exactRelease
        c.disclosureThreshold = 1
        c.workers = 2
        c.deviceKeying = .unkeyed
        return c
    }

    struct Day: Sendable {
        var directory: String
        var files: [String]
    }

    /// One simulated service day (05:00–05:00) at 0.2% of the demand, with the simulator's noise,
    /// staff, passers-by, MAC changes (5%, to have pairs to join) and commuters' two sessions
    /// (once per process).
    static let day: Day = {
        let dir = NSTemporaryDirectory() + "throng-live-sim-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        let demand = try! DemandData.load(directory: sampleDirectory + "/demand", network: network)
        var config = SimulationConfig()
        config.seed = 5
        config.days = 1
        config.scale = 0.002
        config.noise.staffPerStation = 1
        config.noise.retailPerStation = 0.5
        config.noise.macChangeRate = 0.05
        config.output.truth = .none
        _ = try! Simulator(network: network, demand: demand, config: config).run(outputDirectory: dir)
        let files = InputFiles.expand([dir + "/events"])
        return Day(directory: dir, files: files)
    }()

    /// Every event of `files`, read with `resolver`, in file order.
    static func events(_ files: [String], resolver: AccessPointResolver) throws -> [Event] {
        var all: [Event] = []
        _ = try EventLogReader.readFiles(paths: files, resolver: resolver) { all.append(contentsOf: $0.events) }
        return all
    }
}

extension CrowdingSnapshot {
    /// Every published table, for equality checks (the run record differs by design).
    var tables: [String] {
        [
            stationBins.map { "\($0)" }.joined(separator: "\n"),
            originDestination.map { "\($0)" }.joined(separator: "\n"),
            routeSplits.map { "\($0)" }.joined(separator: "\n"),
            linkLoads.map { "\($0)" }.joined(separator: "\n"),
            interchangeFlows.map { "\($0)" }.joined(separator: "\n"),
            distributions.map { "\($0)" }.joined(separator: "\n"),
            eventsPerStationHour.map { "\($0)" }.joined(separator: "\n"),
            passengerEstimates.map { "\($0)" }.joined(separator: "\n"),
        ]
    }
}

/// SplitMix64, for deterministic shuffles.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
